import type { ParamValues, SearchSpace } from '../contracts/search-space.js';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { isLegalValue } from '../search/unit-encoding.js';
import { normalizeSpace } from './normalize-space.js';
import type { ResolvedSpec } from './resolved-spec.js';
import { parseSpecPath, setAtPath, type PathSegment } from './spec-path.js';

function pathOf(key: string): PathSegment[] {
  const path = parseSpecPath(key);
  if (!path) throw new HyperspecError('spec', `search space key "${key}" is not a spec path`, { location: { path: `search.space.${key}` } });
  return path;
}

function applyInto(spec: Record<string, unknown>, space: SearchSpace, prefix: string, base: PathSegment[], params: ParamValues): void {
  for (const [key, d] of Object.entries(space)) {
    const name = prefix + key;
    const value = params[name];
    if (value === undefined || !isLegalValue(d, value)) {
      throw new HyperspecError('plugin', `the searcher gave ${value === undefined ? 'no value' : `an illegal value (${value})`} for "${name}"`, {
        hint: 'this is a bug in the searcher: every active parameter needs a value its distribution can produce',
      });
    }
    const path = [...base, ...pathOf(key)];
    if (d.type !== 'choice') {
      setAtPath(spec, path, value);
      continue;
    }
    setAtPath(spec, path, structuredClone(d.values[value]));
    const child = d.children?.[value];
    if (child) applyInto(spec, child, `${name}.${value}.`, path, params);
  }
}

/**
 * A copy of `spec` with the trial's values written at their paths: numbers as given, a choice's option
 * (by index) with its children's values written inside it. Used by the study runner for each trial and
 * to write the best spec; the caller validates the result again (defaults of new options get filled).
 */
export function applyParams(spec: ResolvedSpec, space: SearchSpace | Record<string, unknown>, params: ParamValues): ResolvedSpec {
  const out = structuredClone(spec) as unknown as Record<string, unknown>;
  applyInto(out, normalizeSpace(space as Record<string, unknown>), '', [], params);
  return out as unknown as ResolvedSpec;
}
