import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { load as loadFull } from 'cheerio';
import { load as loadHtmlparser2 } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../../scrapers/lib/html.js';
import { filesUnder } from '../../helpers/files.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

/** Every node of a tree as plain data: type, name, attributes in order, text, children. */
function dump(node: AnyNode): unknown {
  const n = node as AnyNode & { name?: string; attribs?: Record<string, string>; data?: string; children?: AnyNode[] };
  return [n.type, n.name ?? null, n.attribs ? Object.entries(n.attribs) : null, n.data ?? null, (n.children ?? []).map(dump)];
}
const treeOf = ($: ReturnType<typeof loadHtml>) => dump($.root()[0]!);

describe('loadHtml()', () => {
  const fixtures = [...filesUnder(path.join(REPO, 'tests/fixtures'), '.html')];

  it('builds the same tree as cheerio.load for every HTML fixture', () => {
    expect(fixtures.length).toBeGreaterThan(10);
    for (const file of fixtures) {
      const html = fs.readFileSync(file, 'utf8');
      expect(treeOf(loadHtml(html)), path.relative(REPO, file)).toEqual(treeOf(loadFull(html)));
    }
  });

  it('parses broken markup as a browser does (parse5), not as htmlparser2 does', () => {
    // A table without <tbody> and unclosed cells: browsers (and parse5) add tbody and close the
    // cells; htmlparser2 keeps the rows directly under <table>.
    const html = '<table><tr><td>1<td>2</table><p>a<div>b</div>';
    const $ = loadHtml(html);
    expect($('table > tbody > tr > td').map((_, el) => $(el).text()).get()).toEqual(['1', '2']);
    expect($('p').text()).toBe('a');
    expect(treeOf($)).toEqual(treeOf(loadFull(html)));
    expect(treeOf($)).not.toEqual(treeOf(loadHtmlparser2(html)));
  });

  it('builds the same tree as cheerio.load for arbitrary tag soup', () => {
    const token = fc.oneof(
      fc.constantFrom('<table>', '</table>', '<tr>', '<td>', '</td>', '<th>', '<p>', '</p>', '<div>', '</div>', '<h2>', '</h2>', '<br>', '<!-- c -->', '<script>x<y</script>', '<noscript><p>n</p></noscript>', '&amp;', '&nbsp;', '1,234', ' '),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        const html = tokens.join('');
        expect(treeOf(loadHtml(html))).toEqual(treeOf(loadFull(html)));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the network and encoding helpers of cheerio out of the compiled service', () => {
    // Records every package the compiled service (src/app.js and the scrapers) imports.
    const hook = `export async function resolve(s, c, next) { const r = await next(s, c); const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(r.url); if (m) process.stderr.write('PKG ' + m[1] + '\\n'); return r; }`;
    const script = [
      `import { register } from 'node:module';`,
      `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));`,
      `await import(${JSON.stringify(path.join(REPO, 'dist/src/app.js'))});`,
      `await import(${JSON.stringify(path.join(REPO, 'dist/scrapers/index.js'))});`,
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: REPO });
    expect(r.status, r.stderr).toBe(0);
    const packages = new Set([...r.stderr.matchAll(/^PKG (\S+)$/gm)].map((m) => m[1]));
    expect(packages).toContain('parse5');
    expect(packages).toContain('better-sqlite3');
    for (const unused of ['undici', 'iconv-lite', 'encoding-sniffer', 'whatwg-encoding', 'parse5-parser-stream']) expect(packages).not.toContain(unused);
  });
});
