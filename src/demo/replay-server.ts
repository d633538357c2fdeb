import { AgencySite } from './agency-site.js';
import { demoRoutes } from './site.js';

export { AgencySite, type Route } from './agency-site.js';

/** Starts the demo agency site with the project's own fixture pages and files. */
export async function startDemoSite(port = 0): Promise<AgencySite> {
  const site = new AgencySite();
  for (const [path, route] of demoRoutes()) site.set(path, route);
  await site.listen(port);
  return site;
}
