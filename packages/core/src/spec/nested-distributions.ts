import { isPlainObject, type PathSegment } from './spec-path.js';

export const DISTRIBUTION_TYPES: readonly string[] = ['uniform', 'loguniform', 'int', 'choice'];

/** True for a `{ type: uniform | loguniform | int | choice, ... }` mapping. */
export function isDistribution(value: unknown): value is Record<string, unknown> & { type: string } {
  return isPlainObject(value) && typeof value.type === 'string' && DISTRIBUTION_TYPES.includes(value.type);
}

/**
 * The distributions inside a choice option (not the option itself), with their paths relative to it:
 * `{ type: sgd, momentum: { type: uniform, ... } }` holds one at `['momentum']`. Distributions are not
 * searched inside: a nested choice's own options are handled when that choice is.
 */
export function findNestedDistributions(option: unknown): { path: PathSegment[]; distribution: Record<string, unknown> }[] {
  const out: { path: PathSegment[]; distribution: Record<string, unknown> }[] = [];
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (path.length > 0 && isDistribution(value)) {
      out.push({ path, distribution: value });
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(option, []);
  return out;
}

/** A value the distribution can produce (its low end, or its first option), for checking what surrounds it. */
function representative(d: Record<string, unknown>): unknown {
  if (d.type === 'choice') return Array.isArray(d.values) && d.values.length > 0 ? withRepresentatives(d.values[0]) : null;
  return typeof d.low === 'number' ? d.low : null;
}

/** A deep copy of a choice option with each nested distribution replaced by a value it can produce. */
export function withRepresentatives(option: unknown): unknown {
  const copy = (value: unknown, top: boolean): unknown => {
    if (!top && isDistribution(value)) return representative(value);
    if (Array.isArray(value)) return value.map((v) => copy(v, false));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v, false)]));
    return value;
  };
  return copy(option, true);
}
