import type { Searcher } from '@hyperspec/core';
import { BayesSearcher } from '@hyperspec/searcher-bayes';
import { RandomSearcher } from '@hyperspec/searcher-random';
import { TpeSearcher } from '@hyperspec/searcher-tpe';

/** Our searchers in the bench, each in its defaults (the construction is printed in the report). */
export const SEARCHERS: Record<string, { make: () => Searcher; construction: string }> = {
  random: { make: () => new RandomSearcher({ sobol: false }), construction: 'RandomSearcher({ sobol: false })' },
  'random-sobol': { make: () => new RandomSearcher({ sobol: true }), construction: 'RandomSearcher({ sobol: true })' },
  tpe: { make: () => new TpeSearcher(), construction: 'TpeSearcher() (TPE_DEFAULTS)' },
  bayes: { make: () => new BayesSearcher(), construction: 'BayesSearcher() (its defaults)' },
};
