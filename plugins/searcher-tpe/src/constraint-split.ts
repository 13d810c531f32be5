import type { TrialRecord } from '@hyperspec/core';

/**
 * The split of one constraint in c-TPE (S. Watanabe and F. Hutter, "c-TPE: Tree-structured Parzen
 * Estimator with Inequality Constraints for Expensive Hyperparameter Optimization", IJCAI 2023): the
 * good group is the trials that meet constraint `k` and γ is their share, so the constraint's term
 * fades as the feasible share grows; with no feasible trial yet, the ceil(γ₀·n) least violating trials
 * stand in. Returns null when every trial meets the constraint (its term would be constant). Only
 * complete trials with constraint values are used; running ones count as bad under the constant liar.
 */
export function splitConstraint(
  trials: readonly TrialRecord[], k: number, gamma0: number, constantLiar: boolean,
): { good: TrialRecord[]; bad: TrialRecord[]; gamma: number } | null {
  const observed = trials.filter((t) => t.state === 'complete' && t.constraints !== undefined && t.constraints.length > k);
  if (observed.length === 0) return null;
  let good = observed.filter((t) => t.constraints![k] <= 0);
  if (good.length === observed.length) return null;
  if (good.length === 0) {
    const ranked = [...observed].sort((a, b) => a.constraints![k] - b.constraints![k] || a.number - b.number);
    good = ranked.slice(0, Math.max(1, Math.ceil(gamma0 * observed.length)));
  }
  const inGood = new Set(good);
  const bad = observed.filter((t) => !inGood.has(t));
  if (constantLiar) bad.push(...trials.filter((t) => t.state === 'running'));
  const byNumber = (a: TrialRecord, b: TrialRecord) => a.number - b.number;
  return { good: good.sort(byNumber), bad: bad.sort(byNumber), gamma: good.length / observed.length };
}
