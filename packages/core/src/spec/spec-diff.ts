import { formatPath, isPlainObject, type PathSegment } from './spec-path.js';

/** One difference between two specs: a path and its value on each side (undefined: absent). */
export interface SpecChange {
  path: string;
  before: unknown;
  after: unknown;
}

function leaves(value: unknown, path: PathSegment[], out: Map<string, unknown>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) if (v !== undefined) leaves(v, [...path, k], out);
  } else if (Array.isArray(value) && value.length > 0) {
    value.forEach((v, i) => leaves(v, [...path, i], out));
  } else {
    out.set(formatPath(path) || '(the whole spec)', value);
  }
}

/** Every leaf that differs between two specs (plain data), in path order. */
export function diffSpecs(before: unknown, after: unknown): SpecChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  leaves(before, [], a);
  leaves(after, [], b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The changes as lines for a message: `  train.epochs: 3 → 9`, at most `limit` of them. */
export function formatSpecDiff(changes: readonly SpecChange[], limit = 20): string {
  const lines = changes.slice(0, limit).map((c) => `  ${c.path}: ${show(c.before)} → ${show(c.after)}`);
  if (changes.length > limit) lines.push(`  ... and ${changes.length - limit} more`);
  return lines.join('\n');
}
