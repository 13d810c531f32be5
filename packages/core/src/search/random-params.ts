import type { ParamValues, SearchSpace } from '../contracts/search-space.js';
import type { Rng } from '../util/rng.js';
import { assignActive, flattenSpace, type ParamDef } from './flatten-space.js';
import { SobolSequence } from './sobol.js';
import { fromUnit } from './unit-encoding.js';

/** Independent uniform draws (in the unit cube, so log ranges are log-uniform) for every active parameter. */
export function sampleRandomParams(space: SearchSpace | readonly ParamDef[], rng: Rng): ParamValues {
  const params = Array.isArray(space) ? (space as readonly ParamDef[]) : flattenSpace(space as SearchSpace);
  return assignActive(params, (def) => fromUnit(def.distribution, rng.next()));
}

/**
 * Point `index` of a scrambled Sobol' sequence over the flattened space (one dimension per parameter,
 * conditional ones included, so a child's coordinate is used only when its option is chosen).
 */
export function sobolParams(space: SearchSpace | readonly ParamDef[], index: number, scrambleSeed: number): ParamValues {
  const params = Array.isArray(space) ? (space as readonly ParamDef[]) : flattenSpace(space as SearchSpace);
  const u = new SobolSequence(params.length, scrambleSeed).point(index);
  return assignActive(params, (def, i) => fromUnit(def.distribution, u[i]));
}
