/**
 * Compiles the project's TypeScript (src/, scrapers/, bench/) to plain JavaScript in a
 * temporary folder, file for file like `tsc` (ES2022 modules, relative `.js` imports kept),
 * with `node_modules` and `package.json` linked in so imports resolve as from the repository.
 *
 * Why not tsx for the measured processes: tsx runs its module loader on a second thread with its
 * own V8 heap, which adds ~35 MB of RSS and would blur the memory figures; and `dist/` may be
 * stale or rebuilt by someone else while the benchmark runs. Transpiling without type checks
 * (as tsx does) never touches the repository. esbuild (installed with tsx and vite) does it in
 * well under a second; TypeScript's own `transpileModule` is the fallback (slower, same output
 * for this code base, whose type-only imports are all marked `type`).
 */
import fs from 'node:fs';
import path from 'node:path';

const DIRS = ['src', 'scrapers', 'bench'];

export interface Mirror {
  readonly dir: string;
  /** `src/cli.ts` → `<dir>/src/cli.js`. */
  compiled(relativeTs: string): string;
}

function* tsFiles(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

type Transpile = (source: string, file: string) => string;

async function transpiler(): Promise<Transpile> {
  try {
    const esbuild = await import('esbuild');
    return (source, file) => esbuild.transformSync(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file }).code;
  } catch {
    const ts = (await import('typescript')).default;
    const compilerOptions = { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    return (source, file) => ts.transpileModule(source, { compilerOptions, fileName: file }).outputText;
  }
}

export async function buildMirror(root: string, outDir: string): Promise<Mirror> {
  const transpile = await transpiler();
  for (const dir of DIRS) {
    for (const file of tsFiles(path.join(root, dir))) {
      const out = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, transpile(fs.readFileSync(file, 'utf8'), file));
    }
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(root, 'package.json'), path.join(outDir, 'package.json'));
  return {
    dir: outDir,
    compiled: (rel) => path.join(outDir, rel.replace(/\.ts$/, '.js')),
  };
}
