import type { Direction, Pruner, TrialRecord } from '@hyperspec/core';

export interface MedianPrunerOptions {
  /** No pruning until this many trials have completed. */
  n_startup_trials: number;
  /** No pruning at steps up to and including this one. */
  n_warmup_steps: number;
  /** Check every this many steps after the warm-up. */
  interval_steps: number;
  /** Completed trials that must have a value at the step before it is judged. */
  n_min_trials: number;
}

/** Median of finite numbers, averaging the middle two of an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The median stopping rule (Golovin et al., "Google Vizier", KDD 2017; the defaults of Optuna's
 * MedianPruner): at step s (epochs completed), a trial stops when the best value it has reported so
 * far is worse than the median of the values that completed trials reported at step s. Steps are
 * counted from 1, so `n_warmup_steps: 0` judges every epoch.
 */
export class MedianPruner implements Pruner {
  constructor(private readonly options: MedianPrunerOptions) {}

  /** Called after `trial` reported its value for `step`; true stops it. */
  shouldPrune(trial: TrialRecord, step: number, trials: readonly TrialRecord[], direction: Direction): boolean {
    const o = this.options;
    if (step <= o.n_warmup_steps || (step - o.n_warmup_steps) % o.interval_steps !== 0) return false;
    const completed = trials.filter((t) => t.state === 'complete' && t.number !== trial.number);
    if (completed.length < o.n_startup_trials) return false;
    const own = Object.entries(trial.intermediate).filter(([s]) => Number(s) <= step).map(([, v]) => v);
    if (own.some((v) => Number.isNaN(v))) return true;
    if (own.length === 0) return false;
    const best = direction === 'minimize' ? Math.min(...own) : Math.max(...own);
    const peers = completed.map((t) => t.intermediate[step]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    if (peers.length < o.n_min_trials) return false;
    const m = median(peers);
    return direction === 'minimize' ? best > m : best < m;
  }
}
