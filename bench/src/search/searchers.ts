import type { Searcher } from '@hyperspec/core';
import { BayesSearcher } from '@hyperspec/searcher-bayes';
import { RandomSearcher } from '@hyperspec/searcher-random';
import { TpeSearcher } from '@hyperspec/searcher-tpe';

/** The searchers compared, by the label used in tables. Grid is left out: it needs `points` and has no seed. */
export const SEARCHERS: Record<string, () => Searcher> = {
  random: () => new RandomSearcher({ sobol: false }),
  'random-sobol': () => new RandomSearcher({ sobol: true }),
  tpe: () => new TpeSearcher(),
  bayes: () => new BayesSearcher(),
};
