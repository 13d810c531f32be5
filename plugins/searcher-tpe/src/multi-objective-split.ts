import type { Direction, TrialRecord } from '@hyperspec/core';
import { constraintViolation, hypervolume, hypervolumeContributions, nonDominatedSort, trialLosses } from '@hyperspec/core/search';

/** A reference point just beyond the worst of `points` in every objective (10 % of the range, at least a small absolute margin). */
function referenceBeyond(points: readonly number[][]): number[] {
  const m = points[0].length;
  return Array.from({ length: m }, (_, k) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of points) {
      lo = Math.min(lo, p[k]);
      hi = Math.max(hi, p[k]);
    }
    return hi + Math.max(0.1 * (hi - lo), 1e-9 * Math.max(1, Math.abs(hi)));
  });
}

/**
 * Greedy hypervolume subset selection: `k` of `points` chosen one at a time, each adding the most
 * hypervolume to those already chosen (the HSSP step of MOTPE: Ozaki et al. 2022, §4.2, after Guerreiro
 * et al., "Greedy Hypervolume Subset Selection in Low Dimensions", ECJ 2016). Returns indices.
 */
export function greedyHypervolumeSubset(points: readonly number[][], k: number): number[] {
  if (k >= points.length) return points.map((_, i) => i);
  const ref = referenceBeyond(points);
  const chosen: number[] = [];
  const left = new Set(points.map((_, i) => i));
  let base = 0;
  while (chosen.length < k) {
    let best = -1;
    let bestGain = -Infinity;
    for (const i of left) {
      const gain = hypervolume([...chosen.map((j) => points[j]), points[i]], ref) - base;
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    }
    chosen.push(best);
    left.delete(best);
    base += bestGain;
  }
  return chosen.sort((a, b) => a - b);
}

/**
 * The multi-objective split of MOTPE (Y. Ozaki, Y. Tanigaki, S. Watanabe, M. Nomura and M. Onishi,
 * "Multiobjective Tree-Structured Parzen Estimator", JAIR 73, 2022; GECCO 2020): complete trials sorted
 * into Pareto fronts, whole fronts go to the good group while they fit, and the front that does not
 * fit is cut by greedy hypervolume subset selection. Each good trial is weighted by its hypervolume
 * contribution within the good group (normalised to at most 1, floored at 1e-12), so l(x) concentrates
 * on points that widen the front. Running trials join the bad group under the constant liar.
 */
export function splitMultiObjective(
  trials: readonly TrialRecord[], nGood: number, directions: readonly Direction[], constantLiar: boolean,
): { good: TrialRecord[]; goodWeights: Float64Array; bad: TrialRecord[] } {
  const scored: { t: TrialRecord; losses: number[] }[] = [];
  const running: TrialRecord[] = [];
  for (const t of trials) {
    const losses = trialLosses(t, directions);
    if (losses) scored.push({ t, losses });
    else if (t.state === 'running' && constantLiar) running.push(t);
  }
  const goodIdx: number[] = [];
  // Constrained domination: feasible trials fill the good group first.
  for (const front of nonDominatedSort(scored.map((s) => s.losses), scored.map((s) => constraintViolation(s.t.constraints)))) {
    const room = nGood - goodIdx.length;
    if (room <= 0) break;
    if (front.length <= room) goodIdx.push(...front);
    else goodIdx.push(...greedyHypervolumeSubset(front.map((i) => scored[i].losses), room).map((j) => front[j]));
  }
  goodIdx.sort((a, b) => scored[a].t.number - scored[b].t.number);
  const inGood = new Set(goodIdx);
  const good = goodIdx.map((i) => scored[i].t);
  const goodPoints = goodIdx.map((i) => scored[i].losses);
  let goodWeights = new Float64Array(good.length).fill(1);
  if (good.length > 1) {
    const contributions = hypervolumeContributions(goodPoints, referenceBeyond(goodPoints));
    const max = Math.max(...contributions);
    if (max > 0) goodWeights = contributions.map((c) => Math.max(c / max, 1e-12));
  }
  const bad = [...scored.filter((_, i) => !inGood.has(i)).map((s) => s.t), ...running].sort((a, b) => a.number - b.number);
  return { good, goodWeights, bad };
}
