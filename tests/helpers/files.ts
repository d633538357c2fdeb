import fs from 'node:fs';
import path from 'node:path';

/** Every file below `dir` (recursively) whose name ends with `ending`, in directory order. */
export function* filesUnder(dir: string, ending: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* filesUnder(full, ending);
    else if (e.name.endsWith(ending)) yield full;
  }
}
