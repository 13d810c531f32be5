import { HyperspecError } from '@hyperspec/core';
import { featureMoments, featureRange, minMaxStep, standardizeStep, type PreprocessingStep } from '@hyperspec/core/data';

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

/**
 * The fitted scaling of the given columns (default all) of the raw train matrix `x` (`width` columns),
 * as a preprocessing step; none for `none`.
 */
export function scalingStep(x: Float32Array, width: number, scaling: Scaling, columns?: readonly number[]): PreprocessingStep[] {
  if (scaling === 'standardize') {
    const { mean, std } = featureMoments(x, width);
    return [standardizeStep(mean, std, columns)];
  }
  if (scaling === 'normalize') {
    const { min, max } = featureRange(x, width);
    return [minMaxStep(min, max, columns)];
  }
  return [];
}
