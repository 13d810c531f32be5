import { definePlugin, type ComponentDescriptor, type Searcher } from '@hyperspec/core';
import { GridSearcher } from './grid-searcher.js';

export { GridSearcher } from './grid-searcher.js';
export { buildGrid, gridIndex, gridPoint, type GridAxis, type GridSpace } from './grid-axes.js';

/** Grid search has no options: continuous ranges say how many points they want with `points`. */
export type GridSearcherOptions = Record<string, never>;

export const gridSearcherDescriptor: ComponentDescriptor<Searcher, GridSearcherOptions> = {
  kind: 'searcher',
  type: 'grid',
  description: 'Every combination of the space in a fixed order (continuous ranges need `points`); resumes and runs in parallel by skipping points that trials already have',
  schema: {
    $id: 'hyperspec:searcher/grid',
    type: 'object',
    description: 'Grid search has no options; give `points` on uniform/loguniform ranges of the space.',
    properties: {},
    additionalProperties: false,
  },
  create: () => new GridSearcher(),
};

export default definePlugin('@hyperspec/searcher-grid', [gridSearcherDescriptor]);
