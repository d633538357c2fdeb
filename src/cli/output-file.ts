import fs from 'node:fs';
import path from 'node:path';

/** Exit status for "cannot create output file" (sysexits.h EX_CANTCREAT). */
export const EX_CANTCREAT = 73;

/**
 * Checks before any work that `file` can be created: its folder exists and is writable, and it
 * is not a folder itself. Returns a one-line reason, or null when it can. Saves a long export
 * from failing at the end, and the user from a stack trace.
 */
export function unwritableReason(file: string): string | null {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  try {
    if (!fs.statSync(dir).isDirectory()) return `${dir} is not a folder`;
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `folder ${dir} does not exist` : `folder ${dir} is not writable`;
  }
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) return `${abs} is a folder`;
  return null;
}
