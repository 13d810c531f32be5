import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { asEnvironmentError } from './fs-errors.js';
import { makeDirectory } from './make-directory.js';

/**
 * Writes a file so that it is either complete or absent: the data goes to a temporary file in the same
 * directory, which is then renamed over the target (rename is atomic on POSIX file systems). A target
 * that is a directory is refused before anything is written, and the temporary file never outlives a
 * failure.
 */
export function atomicWriteFile(path: string, data: string | Uint8Array): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // Absent (or unreadable): the write below says what is wrong.
  }
  if (isDirectory) throw new HyperspecError('usage', `cannot write ${path}: it is a directory`, { hint: 'give a file name' });
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    makeDirectory(dirname(path));
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The directory itself is unusable; there is no temporary file to remove.
    }
    throw asEnvironmentError(e) ?? e;
  }
}
