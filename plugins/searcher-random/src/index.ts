import { definePlugin, type ComponentDescriptor, type Searcher } from '@hyperspec/core';
import { RandomSearcher, type RandomSearcherOptions } from './random-searcher.js';

export { RandomSearcher, type RandomSearcherOptions } from './random-searcher.js';

export const randomSearcherDescriptor: ComponentDescriptor<Searcher, RandomSearcherOptions> = {
  kind: 'searcher',
  type: 'random',
  description: 'Independent uniform draws (log-uniform on log ranges), or a scrambled Sobol\' sequence with sobol: true',
  schema: {
    $id: 'hyperspec:searcher/random',
    type: 'object',
    properties: {
      sobol: {
        type: 'boolean',
        default: false,
        description: 'Use an Owen-scrambled Sobol\' sequence (seeded by the study seed, indexed by the trial count) for more even coverage than independent draws',
      },
    },
    additionalProperties: false,
  },
  create: (options) => new RandomSearcher({ sobol: options.sobol ?? false }),
};

export default definePlugin('@hyperspec/searcher-random', [randomSearcherDescriptor]);
