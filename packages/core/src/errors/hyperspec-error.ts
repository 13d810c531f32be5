/** The categories of failure a user can meet; the CLI maps `internal` to exit code 2, the rest to 1. */
export type ErrorKind = 'spec' | 'shape' | 'plugin' | 'data' | 'numeric' | 'storage' | 'usage' | 'internal';

/** Where in a spec file a problem is. Lines and columns are 1-based. */
export interface SourceLocation {
  file?: string;
  line?: number;
  col?: number;
  /** Key path inside the spec, e.g. `train.optimizer.learning_rate`. */
  path?: string;
}

export interface HyperspecErrorOptions {
  location?: SourceLocation;
  hint?: string;
  cause?: unknown;
}

const BRAND = Symbol.for('hyperspec.HyperspecError');

/**
 * The single error type of hyperspec. `kind` says who must act; the message names the component,
 * the spec path and the fix. Wrapped failures keep `cause`.
 */
export class HyperspecError extends Error {
  readonly kind: ErrorKind;
  readonly location?: SourceLocation;
  readonly hint?: string;
  readonly [BRAND] = true;

  constructor(kind: ErrorKind, message: string, options: HyperspecErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HyperspecError';
    this.kind = kind;
    this.location = options.location;
    this.hint = options.hint;
  }

  /** One line for a terminal: `file:line:col path: message (hint)`. */
  format(): string {
    const loc = this.location;
    let where = '';
    if (loc?.file) where = loc.file + (loc.line ? `:${loc.line}:${loc.col ?? 1}` : '');
    const prefix = [where, loc?.path].filter(Boolean).join(' ');
    return (prefix ? prefix + ': ' : '') + this.message + (this.hint ? `\n  hint: ${this.hint}` : '');
  }
}

/** True for any HyperspecError, even one thrown by a second copy of this package (a plugin's own). */
export function isHyperspecError(e: unknown): e is HyperspecError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
