import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so that it is either complete or absent: the data goes to a temporary file in the same
 * directory, which is then renamed over the target (rename is atomic on POSIX file systems).
 */
export function atomicWriteFile(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
