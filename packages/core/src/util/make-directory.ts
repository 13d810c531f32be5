import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p`: creates `path` and its missing parents. Written out instead of `mkdirSync(path, {
 * recursive: true })`, which loops forever where mkdir keeps failing with ENOENT (under /proc, for
 * instance); here every level is tried once, and the error of the level that fails is thrown.
 */
export function makeDirectory(path: string): void {
  try {
    mkdirSync(path);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (statSync(path).isDirectory()) return;
      throw notADirectory(path);
    }
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path) throw e;
  }
  makeDirectory(dirname(path));
  try {
    mkdirSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (!statSync(path).isDirectory()) throw notADirectory(path);
  }
}

/** The error for a path that should be a directory but is a file. */
function notADirectory(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', syscall: 'mkdir', path });
}
