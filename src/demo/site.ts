import type { Route } from './agency-site.js';
import { cbpDemoRoutes } from './cbp-site.js';
import { iceDhsDemoRoutes } from './ice-site.js';

/**
 * Every page and file of the demo agency site, by path. Paths are the agencies' own, so a
 * source rebased onto the demo origin fetches the same path it would fetch from the agency.
 */
export function demoRoutes(): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const [path, route] of [...cbpDemoRoutes(), ...iceDhsDemoRoutes()]) {
    if (routes.has(path)) throw new Error(`demo site defines ${path} twice`);
    routes.set(path, route);
  }
  return routes;
}
