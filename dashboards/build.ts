import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDashboards } from './index.js';
import { generatedFileName, renderDashboard } from './render.js';

/**
 * Writes every dashboard to `dashboards/generated/<uid>.json` and removes generated files no
 * dashboard produces any more. With `--check`, writes nothing and exits 1 when a file differs
 * (tests/dashboards/generated.test.ts does the same check).
 *
 *   npx tsx dashboards/build.ts [--check]
 */
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'generated');

function main(check: boolean): number {
  const wanted = new Map(buildDashboards().map((d) => [generatedFileName(d), renderDashboard(d)]));
  const present = fs.existsSync(OUT) ? fs.readdirSync(OUT).filter((f) => f.endsWith('.json')) : [];
  const stale = present.filter((f) => !wanted.has(f));
  const changed = [...wanted].filter(([f, text]) => !fs.existsSync(path.join(OUT, f)) || fs.readFileSync(path.join(OUT, f), 'utf8') !== text).map(([f]) => f);
  if (check) {
    for (const f of [...changed, ...stale]) console.error(`dashboards/generated/${f} is out of date: run \`npx tsx dashboards/build.ts\``);
    return changed.length + stale.length === 0 ? 0 : 1;
  }
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of changed) fs.writeFileSync(path.join(OUT, f), wanted.get(f)!);
  for (const f of stale) fs.rmSync(path.join(OUT, f));
  console.log(`dashboards: ${wanted.size} dashboards, ${changed.length} written, ${stale.length} removed`);
  return 0;
}

process.exitCode = main(process.argv.includes('--check'));
