import type { Direction, TrialRecord } from '../contracts/search-space.js';

/** The value a searcher minimises: the objective for `minimize`, its negation for `maximize`. */
export function toLoss(value: number, direction: Direction): number {
  return direction === 'minimize' ? value : -value;
}

/** The last reported intermediate value of a trial (highest step), if any. */
export function lastIntermediate(trial: TrialRecord): { step: number; value: number } | undefined {
  let step = -Infinity;
  let value: number | undefined;
  for (const key of Object.keys(trial.intermediate)) {
    const s = Number(key);
    const v = trial.intermediate[s];
    if (s > step && typeof v === 'number' && Number.isFinite(v)) {
      step = s;
      value = v;
    }
  }
  return value === undefined ? undefined : { step, value };
}

/** A trial as model-based searchers see it: its parameters and the loss it reached. */
export interface ObservedTrial {
  trial: TrialRecord;
  loss: number;
  /** True when the loss is a pruned trial's last intermediate value rather than a final one. */
  pruned: boolean;
  /** For pruned trials: the step the loss was reported at. */
  step?: number;
}

/**
 * Trials with a usable loss: complete ones with a finite value and, when `includePruned`, pruned
 * ones through their last intermediate value. Running and failed trials are left out.
 */
export function observedTrials(trials: readonly TrialRecord[], direction: Direction, includePruned = true): ObservedTrial[] {
  const out: ObservedTrial[] = [];
  for (const trial of trials) {
    if (trial.state === 'complete' && typeof trial.value === 'number' && Number.isFinite(trial.value)) {
      out.push({ trial, loss: toLoss(trial.value, direction), pruned: false });
    } else if (includePruned && trial.state === 'pruned') {
      const last = lastIntermediate(trial);
      if (last) out.push({ trial, loss: toLoss(last.value, direction), pruned: true, step: last.step });
    }
  }
  return out;
}

/** The best (lowest-loss) complete trial, if any. */
export function bestTrial(trials: readonly TrialRecord[], direction: Direction): TrialRecord | undefined {
  let best: TrialRecord | undefined;
  let bestLoss = Infinity;
  for (const o of observedTrials(trials, direction, false)) {
    if (o.loss < bestLoss) {
      bestLoss = o.loss;
      best = o.trial;
    }
  }
  return best;
}
