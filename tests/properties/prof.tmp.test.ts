import fc from 'fast-check';
import { it } from 'vitest';
import { cbpEncountersTable } from '../../scrapers/cbp-encounters-table.js';
import { encountersPage, PLAIN_TABLE, tableElement, tableModelArb, tableText, tableVariantArb } from './arbitraries/cbp-table.js';
import { PLAIN, renderHtml, htmlNumbers, htmlStyleArb } from './arbitraries/html.js';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
it('prof', () => {
  let t0 = cpu();
  const xs = fc.sample(fc.tuple(tableModelArb, tableVariantArb, htmlStyleArb), { numRuns: 300, seed: 1 });
  console.log('gen', cpu() - t0);
  t0 = cpu();
  const plain = xs.map(([m]) => renderHtml(encountersPage(m, PLAIN_TABLE, tableElement(tableText(m, PLAIN_TABLE), PLAIN_TABLE)), PLAIN));
  console.log('render plain', cpu() - t0);
  t0 = cpu();
  const styled = xs.map(([m, v, s]) => renderHtml(encountersPage(m, v, tableElement(tableText(m, v), v)), s));
  console.log('render styled', cpu() - t0, styled.reduce((a, h) => a + h.length, 0) / 300);
  for (let k = 0; k < 2; k++) {
  t0 = cpu();
  for (const h of plain) cbpEncountersTable.parse({ body: Buffer.from(h), url: 'https://x/' });
  console.log('parse plain', cpu() - t0);
  t0 = cpu();
  for (const h of styled) cbpEncountersTable.parse({ body: Buffer.from(h), url: 'https://x/' });
  console.log('parse styled', cpu() - t0);
  }
  t0 = cpu();
  for (const h of plain) htmlNumbers(h);
  console.log('numbers', cpu() - t0);
});
