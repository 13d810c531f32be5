import { definePlugin, type ComponentDescriptor, type Searcher } from '@hyperspec/core';
import { bayesSchema, type BayesOptions } from './bayes-options.js';
import { BayesSearcher } from './bayes-searcher.js';

export { maskToCentre } from './acquisition-optimizer.js';
export { BayesSearcher, SCREEN_MASK, defaultInitialTrials, fitSubset } from './bayes-searcher.js';
export { BAYES_DEFAULTS, bayesSchema, type BayesOptions } from './bayes-options.js';
export { GaussianProcess } from './gaussian-process.js';
export { fitHyperparameters, negativeLogPosterior, type GpHyperparameters } from './gp-hyperparameters.js';
export { logExpectedImprovement, logH } from './log-expected-improvement.js';
export { transformOutputs, type OutputTransform } from './output-transform.js';
export { PLUG_IN_FROM_PARAMETERS, lowestPosteriorMean, type Incumbent } from './plug-in-incumbent.js';
export { TRUST_REGION, trustRegionBox, trustRegionLength, type Box } from './trust-region.js';

export const bayesSearcherDescriptor: ComponentDescriptor<Searcher, BayesOptions> = {
  kind: 'searcher',
  type: 'bayes',
  description: 'Gaussian-process Bayesian optimisation: Matérn-5/2 ARD kernel, MAP hyperparameters, log expected improvement; handles ints, log ranges, choices and running trials',
  schema: bayesSchema,
  create: (options) => new BayesSearcher(options),
};

export default definePlugin('@hyperspec/searcher-bayes', [bayesSearcherDescriptor]);
