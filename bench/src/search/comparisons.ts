import { summarize, welch, type WelchResult } from './statistics.js';
import type { SearchResults } from './search-results.js';

/** One of our searchers against one Optuna sampler on one function at one budget. */
export interface Comparison {
  ours: string;
  theirs: string;
  result: WelchResult;
  verdict: 'better' | 'worse' | 'no significant difference';
}

/** The pairs compared on every function: like with like, and bayes against Optuna's best sampler there. */
export const PAIRS: readonly { ours: string; theirs: string | 'best' }[] = [
  { ours: 'tpe', theirs: 'optuna-tpe' },
  { ours: 'tpe', theirs: 'optuna-tpe-multivariate' },
  { ours: 'random', theirs: 'optuna-random' },
  { ours: 'random-sobol', theirs: 'optuna-qmc' },
  { ours: 'bayes', theirs: 'best' },
];

export const ALPHA = 0.05;

/** Optuna's sampler with the lowest mean best value on this function and budget. */
export function bestOptuna(row: Record<string, number[]>): string | undefined {
  const optuna = Object.keys(row).filter((s) => s.startsWith('optuna-'));
  return optuna.sort((a, b) => summarize(row[a]).mean - summarize(row[b]).mean)[0];
}

/** Welch's test of ours − theirs (lower values are better, so a negative difference favours ours). */
export function compare(r: SearchResults, fn: string, budget: number, ours: string, theirs: string): Comparison | undefined {
  const row = r.best[fn]?.[budget];
  if (!row?.[ours] || !row[theirs]) return undefined;
  const result = welch(summarize(row[ours]), summarize(row[theirs]));
  const verdict = result.p < ALPHA ? (result.difference < 0 ? 'better' : 'worse') : 'no significant difference';
  return { ours, theirs, result, verdict };
}
