import { Rng, type Searcher, type TrialRecord } from '@hyperspec/core';
import { hash32, hypervolume } from '@hyperspec/core/search';
import { vector, type MoProblem } from './problems.js';

/**
 * One sequential two-objective study of `trials` trials through the Searcher contract, as the study
 * runner drives it (a fresh rng per trial from the seed and number, the directions in the context);
 * returns the hypervolume of the final front from the problem's reference point, and the mean
 * suggestion time.
 */
export function runMoStudy(searcher: Searcher, problem: MoProblem, trials: number, seed: number): { hypervolume: number; msPerSuggestion: number } {
  const history: TrialRecord[] = [];
  let spent = 0;
  for (let i = 0; i < trials; i++) {
    const rng = new Rng(hash32(seed * 100003 + i));
    const started = performance.now();
    const params = searcher.suggest(problem.space, history, rng, { direction: 'minimize', directions: ['minimize', 'minimize'], seed, budget: trials });
    spent += performance.now() - started;
    const values = problem.evaluate(vector(params));
    history.push({ number: i, state: 'complete', params, value: values[0], values, intermediate: {} });
  }
  return { hypervolume: hypervolume(history.map((t) => t.values!), problem.reference), msPerSuggestion: spent / trials };
}
