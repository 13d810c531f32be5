import { HyperspecError, isHyperspecError } from '../errors/hyperspec-error.js';

/**
 * What the operating system's error codes mean to a user. Each is a fault of the environment (a path,
 * a permission, a full disk), so the CLI reports it with exit code 1 rather than as a bug.
 */
const MEANINGS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the directory is not empty',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  ENAMETOOLONG: 'a name in the path is too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EBUSY: 'the resource is busy',
  EXDEV: 'it cannot be moved to another file system',
  EIO: 'input/output error',
  EFBIG: 'the file is too large',
};

const VERBS: Readonly<Record<string, string>> = {
  open: 'open', read: 'read', write: 'write', mkdir: 'create the directory', rename: 'rename', unlink: 'remove', rmdir: 'remove',
  scandir: 'list', stat: 'read', lstat: 'read', copyfile: 'copy', utime: 'touch', rm: 'remove',
};

interface ErrnoLike {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  dest?: unknown;
}

/** The meaning of an error's code when it is an environment fault (see MEANINGS), else undefined. */
export function environmentFault(e: unknown): string | undefined {
  const code = (e as ErrnoLike | null)?.code;
  return typeof code === 'string' ? MEANINGS[code] : undefined;
}

/**
 * An operating-system error (a failed open, mkdir, rename, ...) as a HyperspecError naming the path
 * and what went wrong, or undefined when `e` is not such an error. Follows `cause` chains, so a wrapped
 * error is found too.
 */
export function asEnvironmentError(e: unknown, what?: string): HyperspecError | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 8; cur = (cur as { cause?: unknown }).cause, depth++) {
    if (isHyperspecError(cur)) return undefined;
    const meaning = environmentFault(cur);
    if (!meaning) continue;
    const err = cur as ErrnoLike;
    const verb = typeof err.syscall === 'string' ? VERBS[err.syscall] ?? err.syscall : 'use';
    const path = typeof err.path === 'string' ? ` ${err.path}` : '';
    const dest = typeof err.dest === 'string' ? ` to ${err.dest}` : '';
    return new HyperspecError('usage', `${what ? `${what}: ` : ''}cannot ${verb}${path}${dest}: ${meaning}`, { cause: e });
  }
  return undefined;
}
