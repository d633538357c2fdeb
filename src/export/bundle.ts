import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { getArtifact } from '../store/artifacts.js';
import { artifactMeta, withReadSnapshot } from '../store/exports.js';
import type { Store } from '../store/store.js';
import { artifactFileName } from './artifact-file.js';
import { bundleReadme } from './bundle-readme.js';
import { snapshotFileName, writeSnapshot, type SnapshotFormat, type SnapshotMeta } from './snapshot.js';
import { TarWriter } from './tar.js';

export interface BundleProgress {
  (phase: 'rows' | 'artifacts', done: number, total: number): void;
}

export interface BundleSummary {
  readonly rows: number;
  readonly artifacts: number;
  /** The folder every entry of the archive sits in. */
  readonly root: string;
  readonly entries: readonly string[];
}

/**
 * Writes a `.tar.gz` evidence bundle: the snapshot as CSV and JSON, every raw agency artifact
 * the rows cite (`artifacts/<sha256>.<ext>`, byte-identical to what the agency served), a
 * README.txt and `MANIFEST.sha256` in `sha256sum` format, all under one folder
 * (`enforcement-watch-snapshot-<date>/`), so `cd` into it and `sha256sum -c MANIFEST.sha256`
 * verifies everything. The snapshot comes from one consistent read of the store. The archive
 * is written to a temporary name and renamed at the end: a failure leaves no partial bundle.
 */
export async function writeBundle(store: Store, file: string, meta: SnapshotMeta, onProgress?: BundleProgress): Promise<BundleSummary> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enforcement-watch-bundle-'));
  const partial = `${file}.partial-${process.pid}`;
  const names = { csv: snapshotFileName('csv', meta.generatedAt), json: snapshotFileName('json', meta.generatedAt) };
  const files = { csv: hashedFile(path.join(tmp, names.csv)), json: hashedFile(path.join(tmp, names.json)) };
  try {
    const root = names.csv.replace(/\.csv$/, '');
    const cited = new Set<string>();
    const rows = await withReadSnapshot(store, (db) =>
      writeSnapshot(db, meta, { csv: files.csv.write, json: files.json.write }, {
        onRow: (r) => cited.add(r.sha256),
        onProgress: (done, total) => onProgress?.('rows', done, total),
      }),
    );
    const digests: Record<SnapshotFormat, string> = { csv: files.csv.close(), json: files.json.close() };
    const artifacts = [...cited].sort().map((sha) => {
      const m = artifactMeta(store.db, sha);
      if (!m) throw new Error(`artifact ${sha} cited by the snapshot is missing from the store`);
      return { sha, name: `artifacts/${artifactFileName(sha, m.contentType, m.url)}` };
    });
    const readme = bundleReadme({ meta, rows, artifacts: artifacts.length, csvName: names.csv, jsonName: names.json });
    const manifest = [
      [sha256(readme), 'README.txt'],
      [digests.csv, names.csv],
      [digests.json, names.json],
      ...artifacts.map((a) => [a.sha, a.name]),
    ]
      .map(([hash, name]) => `${hash}  ${name}\n`)
      .join('');

    const gzip = createGzip();
    const written = pipeline(gzip, fs.createWriteStream(partial));
    // Observed below; without this a failing file stream would be an unhandled rejection meanwhile.
    written.catch(() => undefined);
    const tar = new TarWriter(gzip, Math.floor(meta.generatedAt / 1000));
    const entries: string[] = [];
    const at = (name: string) => (entries.push(name), `${root}/${name}`);
    await tar.directory(root);
    await tar.file(at('README.txt'), readme);
    await tar.file(at('MANIFEST.sha256'), manifest);
    await tar.fileFromDisk(at(names.csv), path.join(tmp, names.csv));
    await tar.fileFromDisk(at(names.json), path.join(tmp, names.json));
    if (artifacts.length) await tar.directory(`${root}/artifacts`);
    let done = 0;
    for (const a of artifacts) {
      // getArtifact re-checks the body against its hash: a corrupted store fails the bundle.
      const stored = getArtifact(store.db, a.sha)!;
      await tar.file(at(a.name), stored.body);
      onProgress?.('artifacts', ++done, artifacts.length);
    }
    await tar.close();
    await written;
    fs.renameSync(partial, file);
    return { rows, artifacts: artifacts.length, root, entries };
  } finally {
    files.csv.abandon();
    files.json.abandon();
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(partial, { force: true });
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A file written synchronously piece by piece while its SHA-256 is computed. */
function hashedFile(file: string): { write: (chunk: string) => void; close: () => string; abandon: () => void } {
  const fd = fs.openSync(file, 'w');
  let open = true;
  const hash: Hash = createHash('sha256');
  return {
    write: (chunk) => {
      const buf = Buffer.from(chunk, 'utf8');
      hash.update(buf);
      for (let off = 0; off < buf.length; ) off += fs.writeSync(fd, buf, off);
    },
    close: () => {
      if (open) fs.closeSync(fd);
      open = false;
      return hash.digest('hex');
    },
    abandon: () => {
      if (open) fs.closeSync(fd);
      open = false;
    },
  };
}
