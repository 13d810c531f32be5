import type { GaussianProcess } from './gaussian-process.js';

/** EI's incumbent: the best trial's (warped) loss, the lowest posterior mean at the trials, or `auto`. */
export type Incumbent = 'auto' | 'best' | 'lowest_mean';

/**
 * With `incumbent: auto` (one objective, no constraints) the plug-in incumbent is used from this many
 * parameters on. Chosen on the development and tuning sets with 50-trial budgets (docs/search.md): it
 * helped the 10-parameter functions there (Alpine10, Michalewicz10, AlpineN2_10) on eight seed
 * ranges of nine (the ninth flat), and hurt the rippled bowls in 5 and 6 dimensions (Ackley5,
 * Salomon6), where 40 model-guided trials resolve more of the landscape. The sets have nothing between 6 and 10 parameters.
 */
export const PLUG_IN_FROM_PARAMETERS = 8;

/**
 * The plug-in incumbent of noisy EI (V. Picheny, T. Wagner and D. Ginsbourger, "A benchmark of
 * kriging-based infill criteria for noisy optimization", Struct. Multidiscip. Optim. 48, 2013): the
 * lowest posterior mean over the given rows of `x`. When the GP fits part of a rippled landscape as
 * noise, its mean at the trials follows the underlying trend, and improvement is measured against the
 * trend's lowest point rather than against the luckiest ripple; with an interpolating GP (tiny noise)
 * it is the best observed value.
 */
export function lowestPosteriorMean(gp: GaussianProcess, x: Float64Array, rows: readonly number[]): number {
  let lowest = Infinity;
  for (const i of rows) lowest = Math.min(lowest, gp.predict(x, i)[0]);
  return lowest;
}
