import type { ParamValues } from '../contracts/search-space.js';
import { assignActive, type ParamDef } from './flatten-space.js';
import { fromUnit, toUnit } from './unit-encoding.js';

/** Where one parameter lives in a feature vector. */
export interface FeatureColumn {
  def: ParamDef;
  offset: number;
  /** 1 for numeric parameters, the number of options for a one-hot choice. */
  width: number;
}

/** Feature value of a numeric parameter that is inactive (its option is not chosen). */
export const INACTIVE_NUMERIC = 0.5;

/**
 * Maps parameter values to a real feature vector for models that need one (Gaussian processes):
 * numeric parameters to their unit-cube position (log scale where the range is logarithmic, ints at
 * their cell centre), choices one-hot. Inactive conditional parameters get a fixed filler (0.5, or
 * all-zero one-hot) so that points sharing a branch compare only on what they share.
 */
export class FeatureLayout {
  readonly columns: readonly FeatureColumn[];
  readonly width: number;

  constructor(readonly params: readonly ParamDef[]) {
    let offset = 0;
    this.columns = params.map((def) => {
      const width = def.distribution.type === 'choice' ? def.distribution.values.length : 1;
      const column = { def, offset, width };
      offset += width;
      return column;
    });
    this.width = offset;
  }

  /** The feature vector of `values`. */
  encode(values: ParamValues, out: Float64Array = new Float64Array(this.width)): Float64Array {
    for (const { def, offset, width } of this.columns) {
      const v = values[def.name];
      if (def.distribution.type === 'choice') {
        for (let j = 0; j < width; j++) out[offset + j] = v === j ? 1 : 0;
      } else {
        out[offset] = v === undefined ? INACTIVE_NUMERIC : toUnit(def.distribution, v);
      }
    }
    return out;
  }

  /** The parameter values a feature vector stands for: one-hot by argmax, numbers decoded and rounded. */
  decode(x: ArrayLike<number>): ParamValues {
    return assignActive(this.params, (def, i) => {
      const { offset, width } = this.columns[i];
      if (def.distribution.type !== 'choice') return fromUnit(def.distribution, x[offset]);
      let best = 0;
      for (let j = 1; j < width; j++) if (x[offset + j] > x[offset + best]) best = j;
      return best;
    });
  }

  /** `encode(decode(x))`: the feature vector of the legal point that `x` rounds to. */
  canonical(x: ArrayLike<number>, out: Float64Array = new Float64Array(this.width)): Float64Array {
    return this.encode(this.decode(x), out);
  }
}
