import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { HyperspecError, type ErrorKind } from '../errors/hyperspec-error.js';
import { environmentFault } from './fs-errors.js';

export interface ReadRegularFileOptions {
  /** Larger files are refused before they are read. */
  maxBytes: number;
  /** What the file is, for messages: `spec file`, `checkpoint`, ... */
  what: string;
  /** The kind of the error thrown (default `data`). */
  kind?: ErrorKind;
  hint?: string;
}

function describeType(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Explains why `path` cannot be read as a regular file, or undefined if it can (checked without opening it). */
export function checkRegularFile(path: string, options: Pick<ReadRegularFileOptions, 'maxBytes' | 'what'>): string | undefined {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    return environmentFault(e) ?? (e as Error).message;
  }
  if (!st.isFile()) return `it is ${describeType(st)}, not a regular file`;
  if (st.size > options.maxBytes) return `it is ${st.size} bytes, more than the ${options.maxBytes} bytes a ${options.what} may have`;
  return undefined;
}

/**
 * Reads a whole file that must be a regular file of at most `maxBytes`. The type is checked before
 * the file is opened (so a FIFO or a device never blocks or streams forever), and at most
 * `maxBytes` + 1 bytes are read (so a file that grows meanwhile cannot exhaust memory).
 */
export function readRegularFile(path: string, options: ReadRegularFileOptions): Buffer {
  const fail = (why: string, cause?: unknown): never => {
    throw new HyperspecError(options.kind ?? 'data', `cannot read ${options.what} ${path}: ${why}`, { cause, hint: options.hint });
  };
  const problem = checkRegularFile(path, options);
  if (problem) fail(problem);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return fail(environmentFault(e) ?? (e as Error).message, e);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) fail(`it is ${describeType(st)}, not a regular file`);
    const limit = options.maxBytes + 1;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total >= limit) fail(`it is more than the ${options.maxBytes} bytes a ${options.what} may have`);
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof HyperspecError) throw e;
    return fail(environmentFault(e) ?? (e as Error).message, e);
  } finally {
    closeSync(fd);
  }
}
