import { constraintViolation, toLoss } from '@hyperspec/core/search';
import type { Direction, TrialRecord } from '@hyperspec/core';

/** Share of the best trial's improvement that the good group's worst trial keeps, so every good trial keeps a kernel. */
const FLOOR = 0.05;

/**
 * Weights of the good group's kernels in l(x), in proportion to each trial's improvement over the
 * split threshold τ — the best loss among the bad group's complete, feasible trials:
 * w_i ∝ max(τ − y_i, FLOOR · (τ − y_best)), scaled to mean 1 so the prior kernel keeps its share.
 *
 * With equal weights the density ratio l(x)/g(x) ranks points by the probability of improving on τ;
 * weighting the good observations by their improvement ranks them by expected improvement instead
 * (J. Song, L. Yu, W. Neiswanger and S. Ermon, "A General Recipe for Likelihood-free Bayesian
 * Optimization", ICML 2022, §4; S. Watanabe, "Tree-Structured Parzen Estimator: Understanding Its
 * Algorithm Components and Their Roles for Better Empirical Performance", 2023, lists it among TPE's
 * weighting choices), so l(x) concentrates on the best few trials rather than on the whole good group.
 *
 * Returns undefined — equal weights — when the improvements are not all defined: a good trial that
 * is pruned or infeasible, no complete feasible bad trial, or no spread between τ and the best.
 */
export function improvementWeights(good: readonly TrialRecord[], bad: readonly TrialRecord[], direction: Direction): Float64Array | undefined {
  if (good.length < 2) return undefined;
  const loss = (t: TrialRecord): number | undefined =>
    t.state === 'complete' && typeof t.value === 'number' && Number.isFinite(t.value) && constraintViolation(t.constraints) === 0 ? toLoss(t.value, direction) : undefined;
  const losses: number[] = [];
  for (const t of good) {
    const y = loss(t);
    if (y === undefined) return undefined;
    losses.push(y);
  }
  let tau = Infinity;
  for (const t of bad) tau = Math.min(tau, loss(t) ?? Infinity);
  const best = Math.min(...losses);
  if (!Number.isFinite(tau) || !(tau > best)) return undefined;
  const w = losses.map((y) => Math.max(tau - y, FLOOR * (tau - best)));
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return Float64Array.from(w, (v) => v / mean);
}
