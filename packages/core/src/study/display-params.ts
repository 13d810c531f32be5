import type { ParamValues, SearchSpace } from '../contracts/search-space.js';
import { flattenSpace } from '../search/flatten-space.js';

/** A value as a person reads it: a choice's option (its `type` for a component node), numbers to 4 significant digits. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    const abs = Math.abs(value);
    return abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? value.toExponential(2) : String(Number(value.toPrecision(4)));
  }
  if (value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') return (value as { type: string }).type;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A trial's parameters by name with each choice decoded from its index to the option itself, in the
 * space's order (conditional parameters after their choice).
 */
export function displayParams(space: SearchSpace, params: ParamValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of flattenSpace(space)) {
    if (!(def.name in params)) continue;
    const v = params[def.name];
    out[def.name] = def.distribution.type === 'choice' ? def.distribution.values[v] : v;
  }
  return out;
}
