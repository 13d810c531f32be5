import { definePlugin, type ComponentDescriptor, type Pruner } from '@hyperspec/core';
import { MedianPruner, type MedianPrunerOptions } from './median-pruner.js';

export { MedianPruner, median, type MedianPrunerOptions } from './median-pruner.js';

export const medianPrunerDescriptor: ComponentDescriptor<Pruner, MedianPrunerOptions> = {
  kind: 'pruner',
  type: 'median',
  description: "Median stopping: stop a trial whose best value so far is worse than the median of completed trials' values at the same epoch",
  schema: {
    $id: 'hyperspec:pruner/median',
    type: 'object',
    properties: {
      n_startup_trials: { type: 'integer', minimum: 0, maximum: 100000, default: 5, description: 'Completed trials needed before any trial is pruned' },
      n_warmup_steps: { type: 'integer', minimum: 0, maximum: 100000, default: 0, description: 'Epochs a trial always runs before it can be pruned' },
      interval_steps: { type: 'integer', minimum: 1, maximum: 100000, default: 1, description: 'Judge a trial every this many epochs after the warm-up' },
      n_min_trials: { type: 'integer', minimum: 1, maximum: 100000, default: 1, description: 'Completed trials that must have reached an epoch before a trial is judged there' },
    },
    additionalProperties: false,
  },
  create: (o) =>
    new MedianPruner({ n_startup_trials: o.n_startup_trials ?? 5, n_warmup_steps: o.n_warmup_steps ?? 0, interval_steps: o.interval_steps ?? 1, n_min_trials: o.n_min_trials ?? 1 }),
};

export default definePlugin('@hyperspec/pruner-median', [medianPrunerDescriptor]);
