import { Rng, type Searcher, type TrialRecord } from '@hyperspec/core';
import { sampleRandomParams } from '@hyperspec/core/search';
import { hartmann6 } from './test-functions.js';

/**
 * Milliseconds one suggestion takes with `finished` completed trials in the 6-d Hartmann space
 * (random points, so the model has real data to fit). Median of `repeats` calls.
 */
export function timeSuggestion(make: () => Searcher, finished: number, repeats: number, seed = 1): number {
  const rng = new Rng(seed);
  const trials: TrialRecord[] = [];
  for (let i = 0; i < finished; i++) {
    const params = sampleRandomParams(hartmann6.space, rng);
    trials.push({ number: i, state: 'complete', params, value: hartmann6.evaluate(params), intermediate: {} });
  }
  const searcher = make();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint();
    searcher.suggest(hartmann6.space, trials, new Rng(seed * 31 + r), { direction: 'minimize', seed });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
