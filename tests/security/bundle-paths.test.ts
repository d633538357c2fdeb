/**
 * Agency content decides two things that end up in file names: the Content-Type it sends and
 * the URL a file was found at. Neither can place a file outside the bundle's folder (or name a
 * download outside the hash): entry names are `<root>/artifacts/<sha256>.<ext>` with `ext` from
 * a fixed list, and the tar writer refuses `..` and absolute names anyway.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactFileName } from '../../src/export/artifact-file.js';
import { writeBundle } from '../../src/export/bundle.js';
import { splitName } from '../../src/export/tar.js';
import { sha256Hex } from '../../src/store/artifacts.js';
import { emptyState, Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { startApp, type Running } from './harness.js';

const run = promisify(execFile);
const NOW = Date.parse('2025-05-20T00:00:00Z');
const SAFE_ARTIFACT = /^[0-9a-f]{64}\.(html|csv|txt|json|pdf|xlsx|xls|zip|bin)$/;

/** Content types and URLs an agency page (or a compromised one) could hand us. */
const HOSTILE: readonly { contentType: string; url: string }[] = [
  { contentType: '../../../etc/passwd', url: 'https://www.cbp.gov/../../../../etc/cron.d/x' },
  { contentType: 'text/html/../../../../tmp/x', url: 'https://www.cbp.gov/files/..%2F..%2F..%2Fpwn.sh' },
  { contentType: 'application/x-evil; name="../../x"', url: 'file:///../../../../root/.ssh/authorized_keys' },
  { contentType: 'text/plain\r\nContent-Disposition: inline', url: 'https://www.cbp.gov/a.csv%00/../../../b' },
  { contentType: '', url: 'https://www.cbp.gov/report.CSV/../../../.bashrc' },
  { contentType: 'application/octet-stream', url: '/absolute/path/data.xlsx' },
  { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', url: 'https://www.ice.gov/doclib/FY25.xlsx' },
];

const t = tempDir('ew-sec-bundle-');
let store: Store;

beforeAll(() => {
  store = Store.open(path.join(t.dir, 'data'));
  HOSTILE.forEach((h, i) => {
    store.commitCycle({
      source: 'cbp-southwest-csv',
      now: NOW - (HOSTILE.length - i) * 60_000,
      fetches: [],
      validators: [],
      state: emptyState('cbp-southwest-csv'),
      captures: [
        {
          url: h.url,
          body: Buffer.from(`hostile artifact ${i}`),
          contentType: h.contentType,
          parserId: 'cbp-encounters-csv',
          parserVersion: 1,
          publishedOn: null,
          dataAsOf: null,
          observations: [{ series: 'cbp_encounters', labels: { region: 'southwest_land_border', component: 'all' }, period: `2024-${String(i + 1).padStart(2, '0')}`, value: i }],
        },
      ],
    });
  });
});

afterAll(() => {
  store.close();
  t.cleanup();
});

describe('evidence bundle entry names', () => {
  it('stay inside the bundle folder for crafted content types and URLs, and extract only there', async () => {
    const out = path.join(t.dir, 'out');
    fs.mkdirSync(out);
    const file = path.join(out, 'bundle.tar.gz');
    const summary = await writeBundle(store, file, { generatedAt: NOW, version: '0.0.0-test', query: { allVintages: true } });
    expect(summary.artifacts).toBe(HOSTILE.length);

    const listed = (await run('tar', ['-tzf', file])).stdout.trim().split('\n');
    for (const name of listed) {
      expect(name.startsWith(`${summary.root}/`), name).toBe(true);
      expect(name.split('/'), name).not.toContain('..');
    }
    const artifacts = listed.filter((n) => n.startsWith(`${summary.root}/artifacts/`) && !n.endsWith('/')).map((n) => n.slice(`${summary.root}/artifacts/`.length));
    expect(artifacts).toHaveLength(HOSTILE.length);
    for (const a of artifacts) expect(a).toMatch(SAFE_ARTIFACT);
    expect(artifacts).toContain(`${sha256Hex(Buffer.from('hostile artifact 6'))}.xlsx`);
    // The URL parser resolves the dots first: `/report.CSV/../../../.bashrc` is `/.bashrc`, no extension.
    expect(artifacts).toContain(`${sha256Hex(Buffer.from('hostile artifact 4'))}.bin`);

    const into = path.join(t.dir, 'extract');
    fs.mkdirSync(into);
    await run('tar', ['-xzf', file, '-C', into]);
    expect(fs.readdirSync(into)).toEqual([summary.root]);
    expect(fs.readdirSync(out)).toEqual(['bundle.tar.gz']);
  });

  it('never take an extension from an inherited object property (content type "constructor")', () => {
    const sha = 'a'.repeat(64);
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(artifactFileName(sha, type, null)).toBe(`${sha}.bin`);
  });

  it('are always <sha256>.<known extension>, whatever the content type and URL (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ unit: 'binary' }), fc.option(fc.string({ unit: 'binary' }), { nil: null }), (sha, contentType, url) => {
        expect(artifactFileName(sha, contentType, url)).toMatch(SAFE_ARTIFACT);
      }),
      { numRuns: 500 },
    );
  });

  it('cannot leave the archive even if a caller passed one: the tar writer refuses it', () => {
    for (const bad of ['../x', 'root/../../x', '/etc/passwd', 'root/artifacts/../../..']) expect(() => splitName(bad), bad).toThrow(/unsafe/);
  });
});

describe('GET /api/v1/artifacts/:sha256 with a crafted content type and URL', () => {
  let app: Running;
  beforeAll(async () => {
    app = await startApp({ store });
  });
  afterAll(() => app.close());

  it.each(HOSTILE.map((h, i) => [i, h.contentType.replace(/\r\n/g, '\\r\\n')] as const))('names hostile artifact %i (%s) by its hash, with a safe Content-Type', async (i) => {
    const sha = sha256Hex(Buffer.from(`hostile artifact ${i}`));
    const res = await fetch(`${app.base}/api/v1/artifacts/${sha}`);
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="([0-9a-f]{64}\.[a-z]+)"$/);
    expect(disposition.slice('attachment; filename="'.length, -1)).toMatch(SAFE_ARTIFACT);
    // A well-formed media type or octet-stream; never a second header smuggled in.
    expect(res.headers.get('content-type')).toMatch(/^[\w.+-]+\/[\w.+-]+(; [\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(await res.text()).toBe(`hostile artifact ${i}`);
  });
});
