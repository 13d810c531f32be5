import { definePlugin, type ComponentDescriptor, type Searcher } from '@hyperspec/core';
import { tpeSchema, type TpeOptions } from './tpe-options.js';
import { TpeSearcher } from './tpe-searcher.js';

export { TpeSearcher } from './tpe-searcher.js';
export { ParzenEstimator, observationWeights } from './parzen-estimator.js';
export { TPE_DEFAULTS, tpeSchema, type TpeOptions } from './tpe-options.js';

export const tpeSearcherDescriptor: ComponentDescriptor<Searcher, TpeOptions> = {
  kind: 'searcher',
  type: 'tpe',
  description: 'Tree-structured Parzen estimator (multivariate by default, conditional spaces by group), Optuna-compatible defaults',
  schema: tpeSchema,
  create: (options) => new TpeSearcher(options),
};

export default definePlugin('@hyperspec/searcher-tpe', [tpeSearcherDescriptor]);
