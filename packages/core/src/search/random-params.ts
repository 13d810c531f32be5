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
 * Points of a scrambled Sobol' sequence over a flattened space (one dimension per parameter,
 * conditional ones included, so a child's coordinate is used only when its option is chosen).
 */
export class SobolParamSequence {
  private readonly params: readonly ParamDef[];
  private readonly sequence: SobolSequence;
  private readonly u: Float64Array;

  constructor(space: SearchSpace | readonly ParamDef[], scrambleSeed: number) {
    this.params = Array.isArray(space) ? (space as readonly ParamDef[]) : flattenSpace(space as SearchSpace);
    this.sequence = new SobolSequence(this.params.length, scrambleSeed);
    this.u = new Float64Array(this.params.length);
  }

  /** The parameter values of point `index`. */
  at(index: number): ParamValues {
    const u = this.sequence.point(index, this.u);
    return assignActive(this.params, (def, i) => fromUnit(def.distribution, u[i]));
  }
}

/** Point `index` of the scrambled Sobol' sequence over the space (see `SobolParamSequence`). */
export function sobolParams(space: SearchSpace | readonly ParamDef[], index: number, scrambleSeed: number): ParamValues {
  return new SobolParamSequence(space, scrambleSeed).at(index);
}
