import { HyperspecError } from '@hyperspec/core';
import { normalizeSplits, standardizeSplits, type SplitSet } from '@hyperspec/core/data';

/** How input features are rescaled, always with statistics of the train split only. */
export type Scaling = 'standardize' | 'normalize' | 'none';

/**
 * Reads the two exclusive switches. `standardize` is on by default, so asking for `normalize` means
 * turning standardize off explicitly; both on is a spec error rather than a silent choice.
 */
export function scalingOf(options: { standardize: boolean; normalize?: boolean }, component: string, specPath: string): Scaling {
  if (options.standardize && options.normalize) {
    throw new HyperspecError('spec', `${component}: standardize and normalize are exclusive, but both are true`, {
      location: { path: `${specPath}.normalize` },
      hint: 'standardize is on by default: to scale features to [0, 1] write normalize: true together with standardize: false',
    });
  }
  return options.standardize ? 'standardize' : options.normalize ? 'normalize' : 'none';
}

/** Rescales the given feature columns of every split in place (fitted on train). */
export function applyScaling(splits: SplitSet, width: number, scaling: Scaling, columns?: readonly number[]): void {
  if (scaling === 'standardize') standardizeSplits(splits, width, columns);
  else if (scaling === 'normalize') normalizeSplits(splits, width, columns);
}
