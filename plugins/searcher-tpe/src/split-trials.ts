import type { Direction, TrialRecord } from '@hyperspec/core';
import { constraintViolation, lastIntermediate, toLoss } from '@hyperspec/core/search';

/** Size of the good group for n trials: ceil(gamma·n), at most gammaMax (Optuna's default_gamma). */
export function goodCount(n: number, gamma: number, gammaMax: number): number {
  return Math.min(Math.ceil(gamma * n), gammaMax);
}

interface Ranked { t: TrialRecord; a: number; b: number }

/** Complete trials' order: feasible first, then by total violation, then by loss, then by number. */
const byLoss = (x: Ranked, y: Ranked): number => x.a - y.a || x.b - y.b || x.t.number - y.t.number;
/** Pruned trials' order: those that got further first, then by their last intermediate loss, then by number. */
const byProgress = (x: Ranked, y: Ranked): number => y.a - x.a || x.b - y.b || x.t.number - y.t.number;

/**
 * The `m` first of `items` in `order` (a total order: every tie is broken by trial number), in no
 * particular order. Keeps the best m seen in a sorted buffer, so a study of n trials costs about n
 * comparisons with the buffer's last, not a sort of all n (the good group is small: at most gamma_max).
 */
function firstOf(items: readonly Ranked[], m: number, order: (x: Ranked, y: Ranked) => number): Ranked[] {
  if (m <= 0) return [];
  if (m >= items.length) return [...items];
  const best: Ranked[] = [];
  for (const item of items) {
    if (best.length === m && order(item, best[m - 1]) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(best[mid], item) < 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > m) best.pop();
  }
  return best;
}

/**
 * Splits trials into the good group (for l(x)) and the rest (for g(x)), both in trial-number order.
 * Complete trials rank by loss — feasible ones first, infeasible ones after them by total violation, as
 * Optuna's constrained TPE splits (so l(x) models good feasible points); pruned ones after them, those that got further first, then by their
 * last intermediate loss; running trials (constant liar) always count as bad. Failed ones are left out.
 * This is the split of Optuna's TPE sampler (its `_split_trials`). Only the good group is ranked
 * (`firstOf`); the rest keep the order they came in, sorted by number unless they already are.
 */
export function splitTrials(trials: readonly TrialRecord[], nGood: number, direction: Direction, constantLiar: boolean): { good: TrialRecord[]; bad: TrialRecord[] } {
  const complete: Ranked[] = [];
  const pruned: Ranked[] = [];
  // Every trial that goes into either group, in the order given.
  const members: TrialRecord[] = [];
  for (const t of trials) {
    if (t.state === 'complete' && typeof t.value === 'number' && Number.isFinite(t.value)) complete.push({ t, a: constraintViolation(t.constraints), b: toLoss(t.value, direction) });
    else if (t.state === 'pruned') {
      const last = lastIntermediate(t);
      pruned.push({ t, a: last ? last.step : -Infinity, b: last ? toLoss(last.value, direction) : Infinity });
    } else if (!(t.state === 'running' && constantLiar)) continue;
    members.push(t);
  }
  const chosen = [...firstOf(complete, nGood, byLoss), ...firstOf(pruned, nGood - complete.length, byProgress)];
  const byNumber = (a: TrialRecord, b: TrialRecord) => a.number - b.number;
  const good = chosen.map((r) => r.t).sort(byNumber);
  const inGood = new Set(good);
  const bad = members.filter((t) => !inGood.has(t));
  for (let i = 1; i < bad.length; i++) {
    if (bad[i - 1].number > bad[i].number) {
      bad.sort(byNumber);
      break;
    }
  }
  return { good, bad };
}

/** Number of trials that count towards n (complete and pruned). */
export function countObserved(trials: readonly TrialRecord[]): number {
  let n = 0;
  for (const t of trials) if ((t.state === 'complete' && typeof t.value === 'number' && Number.isFinite(t.value)) || t.state === 'pruned') n++;
  return n;
}
