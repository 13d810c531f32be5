import type { SearchSpace, TrialRecord } from '../contracts/search-space.js';
import { paramImportances, type ParamImportance } from './importance/param-importance.js';

export interface ParameterImportanceOptions {
  /** Which objective of a study with several (0-based, default 0: the first or only one). */
  objective?: number;
  /** Trees of the forest (default 64, as the study report uses) and its seed (default 0). */
  trees?: number;
  seed?: number;
}

/**
 * How much of one objective's variance each parameter explains: the fANOVA importance of
 * `./importance/` (`paramImportances`, a random forest fitted to the complete trials) on objective
 * `objective` — a trial's `values[objective]` in a study with several objectives, its `value`
 * otherwise. `hyperspec study --importance` and the study report call this one function. Most
 * important first; [] with fewer than two complete trials.
 */
export function parameterImportance(trials: readonly TrialRecord[], space: SearchSpace, options: ParameterImportanceOptions = {}): ParamImportance[] {
  const k = options.objective ?? 0;
  const scored = trials.flatMap((t) => {
    if (t.state !== 'complete') return [];
    const value = t.values ? t.values[k] : k === 0 ? t.value : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? [{ ...t, value }] : [];
  });
  return paramImportances(space, scored, { trees: options.trees ?? 64, seed: options.seed ?? 0 });
}
