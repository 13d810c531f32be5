import { definePlugin, type ComponentDescriptor, type Searcher } from '@hyperspec/core';
import { nsga2Schema, type Nsga2Options } from './nsga2-options.js';
import { Nsga2Searcher } from './nsga2-searcher.js';

export { Nsga2Searcher, selectParents } from './nsga2-searcher.js';
export { NSGA2_DEFAULTS, nsga2Schema, type Nsga2Options } from './nsga2-options.js';
export { sbx, polynomialMutation } from './variation.js';

export const nsga2SearcherDescriptor: ComponentDescriptor<Searcher, Nsga2Options> = {
  kind: 'searcher',
  type: 'nsga2',
  description: 'NSGA-II (Deb et al. 2002): elitist genetic search for several objectives, simulated binary crossover and polynomial mutation, constrained domination',
  schema: nsga2Schema,
  create: (options) => new Nsga2Searcher(options),
};

export default definePlugin('@hyperspec/searcher-nsga2', [nsga2SearcherDescriptor]);
