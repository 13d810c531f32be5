import { Rng, type Searcher, type TrialRecord } from '@hyperspec/core';
import { hash32 } from '@hyperspec/core/search';
import type { TestFunction } from './test-functions.js';

/**
 * Runs one sequential study of `trials` trials through the Searcher contract, exactly as the study
 * runner would (fresh per-call rng derived from the seed and trial number, study seed in the
 * context), and returns the best value after each trial.
 */
export function runStudy(searcher: Searcher, fn: TestFunction, trials: number, seed: number): Float64Array {
  const history: TrialRecord[] = [];
  const bestSoFar = new Float64Array(trials);
  let best = Infinity;
  for (let i = 0; i < trials; i++) {
    const rng = new Rng(hash32(seed * 100003 + i));
    const params = searcher.suggest(fn.space, history, rng, { direction: 'minimize', seed, budget: trials });
    const value = fn.evaluate(params);
    history.push({ number: i, state: 'complete', params, value, intermediate: {} });
    best = Math.min(best, value);
    bestSoFar[i] = best;
  }
  return bestSoFar;
}
