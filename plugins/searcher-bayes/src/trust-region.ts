import type { FeatureLayout } from '@hyperspec/core/search';

/** A box in the unit-cube feature space; choice columns always span [0, 1]. */
export interface Box {
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * TuRBO-1's constants (Eriksson et al. 2019, §2), except two. The initial side: the paper starts at
 * 0.8; here the region starts at its largest side, 1.6, so the first model-guided trials still search
 * (nearly) globally and the region only narrows after failures. The failure tolerance: the paper
 * halves after max(4, d) failures in a row; here after 4 whatever d, because with the paper's rule
 * a 10-parameter study of 50 trials (20 of them start-up) could halve at most three times and never
 * restart. Both measured better on the bench's development and tuning sets with 50-trial budgets
 * (docs/search.md).
 */
export const TRUST_REGION = { initial: 1.6, min: 0.5 ** 7, max: 1.6, successes: 3, failures: 4 };

/**
 * The side length of TuRBO's trust region (D. Eriksson, M. Pearce, J. Gardner, R. Turner and
 * M. Poloczek, "Scalable Global Optimization via Local Bayesian Optimization", NeurIPS 2019), replayed
 * from the losses in trial order, so the searcher stays stateless. Past the start-up trials each new
 * loss is a success if it improves the best so far by more than 1e-3·|best|, else a failure; 3
 * successes in a row double the side (at most 1.6), 4 failures in a row halve it, and once it
 * falls below 0.5⁷ the region restarts at its initial side (the paper restarts from a fresh design; here the data
 * is kept, so the restart only widens the search again).
 */
export function trustRegionLength(losses: readonly number[], startUp: number): number {
  let length = TRUST_REGION.initial;
  let best = Infinity;
  let successes = 0;
  let failures = 0;
  losses.forEach((loss, i) => {
    if (i >= startUp) {
      if (loss < best - 1e-3 * Math.abs(best)) {
        successes++;
        failures = 0;
      } else {
        failures++;
        successes = 0;
      }
      if (successes === TRUST_REGION.successes) {
        length = Math.min(2 * length, TRUST_REGION.max);
        successes = 0;
      } else if (failures === TRUST_REGION.failures) {
        length /= 2;
        failures = 0;
      }
      if (length < TRUST_REGION.min) length = TRUST_REGION.initial;
    }
    best = Math.min(best, loss);
  });
  return length;
}

/**
 * The trust region around `centre`: side `length` scaled per numeric column by its length scale over
 * their geometric mean (TuRBO's λ_i·L / (Π λ_j)^(1/d)), clipped to the unit cube.
 */
export function trustRegionBox(layout: FeatureLayout, centre: Float64Array, logLengthscales: Float64Array, length: number): Box {
  const lower = new Float64Array(layout.width);
  const upper = new Float64Array(layout.width).fill(1);
  const numeric = layout.columns.filter((c) => c.def.distribution.type !== 'choice');
  if (numeric.length === 0) return { lower, upper };
  const meanLog = numeric.reduce((s, c) => s + logLengthscales[c.offset], 0) / numeric.length;
  for (const { offset } of numeric) {
    const half = (length * Math.exp(logLengthscales[offset] - meanLog)) / 2;
    lower[offset] = Math.max(0, centre[offset] - half);
    upper[offset] = Math.min(1, centre[offset] + half);
  }
  return { lower, upper };
}
