import type { Distribution, SearchSpace } from '../contracts/search-space.js';
import { isDistribution } from './nested-distributions.js';
import { formatPath, isPlainObject, type PathSegment } from './spec-path.js';

/**
 * Splits a choice option into the option without its nested distributions and the space of those
 * distributions (keys are paths relative to the option, e.g. `momentum` or `layers[0].units`).
 * A distribution inside a list leaves `null` in its place so the other indices stay put.
 */
function splitOption(option: unknown): { value: unknown; space: SearchSpace } {
  const space: SearchSpace = {};
  const strip = (value: unknown, path: PathSegment[]): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => (isDistribution(v) ? (record(v, [...path, i]), null) : strip(v, [...path, i])));
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isDistribution(v)) record(v, [...path, k]);
      else out[k] = strip(v, [...path, k]);
    }
    return out;
  };
  const record = (d: Record<string, unknown>, path: PathSegment[]) => {
    space[formatPath(path)] = normalizeDistribution(d);
  };
  return { value: strip(option, []), space };
}

function normalizeDistribution(d: Record<string, unknown>): Distribution {
  const copy = structuredClone(d) as unknown as Distribution;
  if (copy.type !== 'choice' || copy.children) return copy;
  const split = copy.values.map(splitOption);
  const hasChildren = split.some((s) => Object.keys(s.space).length > 0);
  return {
    ...copy,
    values: split.map((s) => s.value),
    ...(hasChildren ? { children: split.map((s) => (Object.keys(s.space).length > 0 ? s.space : undefined)) } : {}),
  };
}

/**
 * The `SearchSpace` searchers work on, from a spec's `search.space`: the same keys and distributions,
 * with the distributions inside choice options moved into `children` (a conditional space, searched
 * only when that option is chosen). Normalising an already normalised space changes nothing.
 */
export function normalizeSpace(specSpace: Record<string, unknown>): SearchSpace {
  const out: SearchSpace = {};
  for (const [key, d] of Object.entries(specSpace)) out[key] = normalizeDistribution(d as Record<string, unknown>);
  return out;
}
