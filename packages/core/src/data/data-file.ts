import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { HyperspecError } from '../errors/hyperspec-error.js';

/** A data file path as written in a spec, with what a failure message needs to point at it. */
export interface DataFileRef {
  /** The path as written (absolute, or relative to `baseDir`). */
  path: string;
  /** Directory relative paths are resolved against: the spec file's directory; default the working directory. */
  baseDir?: string;
  /** Who asks, for the message: e.g. `csv dataset`. */
  component: string;
  /** Spec path of the option that named the file, e.g. `data.path`. */
  specPath: string;
}

/** The absolute path a data file reference points at. */
export function resolveDataPath(path: string, baseDir?: string): string {
  return isAbsolute(path) ? path : resolve(baseDir ?? process.cwd(), path);
}

/**
 * Reads a whole data file. A missing or unreadable file is a data error that names the component, the
 * option and the absolute path that was tried (so a wrong base directory is obvious).
 */
export async function readDataFile(ref: DataFileRef): Promise<{ file: string; bytes: Buffer }> {
  const file = resolveDataPath(ref.path, ref.baseDir);
  try {
    await requireRegularFile(file);
    return { file, bytes: await readFile(file) };
  } catch (e) {
    throw dataFileError(ref, file, e);
  }
}

/** Opens a data file for partial reads (the caller closes it), with the same errors as `readDataFile`. */
export async function openDataFile(ref: DataFileRef): Promise<{ file: string; handle: FileHandle }> {
  const file = resolveDataPath(ref.path, ref.baseDir);
  try {
    await requireRegularFile(file);
    return { file, handle: await open(file, 'r') };
  } catch (e) {
    throw dataFileError(ref, file, e);
  }
}

/** A FIFO or a device would block or stream without end: data files must be regular files (checked before opening). */
async function requireRegularFile(file: string): Promise<void> {
  const st = await stat(file);
  if (!st.isFile()) throw Object.assign(new Error(st.isDirectory() ? 'it is a directory' : 'it is not a regular file (a pipe, socket or device)'), { code: st.isDirectory() ? 'EISDIR' : 'ENOTREG' });
}

function dataFileError(ref: DataFileRef, file: string, e: unknown): HyperspecError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code === 'ENOTREG' ? 'it is not a regular file (a pipe, socket or device)' : String((e as Error).message);
  const relative = !isAbsolute(ref.path);
  return new HyperspecError('data', `${ref.component}: cannot read "${ref.path}" (tried ${file}): ${why}`, {
    location: { path: ref.specPath },
    hint: relative ? `relative paths are resolved against the spec file's directory (${ref.baseDir ?? process.cwd()})` : undefined,
    cause: e,
  });
}
