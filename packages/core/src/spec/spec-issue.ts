import { HyperspecError, type SourceLocation } from '../errors/hyperspec-error.js';

/** One problem found in a spec: where it is (file, 1-based line and column, spec path) and what is wrong. */
export interface SpecIssue {
  location: SourceLocation;
  message: string;
}

/** `file:line:col path: message`, the parts that are known. */
export function formatIssue(issue: SpecIssue): string {
  const loc = issue.location;
  let where = '';
  if (loc.file) where = loc.file + (loc.line ? `:${loc.line}:${loc.col ?? 1}` : '');
  const prefix = [where, loc.path].filter(Boolean).join(' ');
  return (prefix ? prefix + ': ' : '') + issue.message;
}

/**
 * A spec that failed to parse or validate: a HyperspecError of kind `spec` carrying every issue found
 * (not just the first), so a user fixes them all in one go. `format()` prints one line per issue.
 */
export class SpecError extends HyperspecError {
  readonly issues: readonly SpecIssue[];

  constructor(issues: readonly SpecIssue[], hint?: string) {
    super('spec', issues.map(formatIssue).join('\n'), { location: issues[0]?.location, hint });
    this.issues = issues;
  }

  /** One line per issue: `examples/iris.yaml:14:7 train.optimizer.learning_rate: must be > 0 (got -0.1)`. */
  override format(): string {
    return this.issues.map(formatIssue).join('\n') + (this.hint ? `\n  hint: ${this.hint}` : '');
  }
}

/** True for a SpecError, even one made by a second copy of this package. */
export function isSpecError(e: unknown): e is SpecError {
  return e instanceof HyperspecError && Array.isArray((e as { issues?: unknown }).issues);
}
