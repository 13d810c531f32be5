import { definePlugin, type ComponentDescriptor, type Pruner } from '@hyperspec/core';
import { AshaPruner, type AshaPrunerOptions } from './asha-pruner.js';

export { AshaPruner, rungAt, type AshaPrunerOptions } from './asha-pruner.js';

export const ashaPrunerDescriptor: ComponentDescriptor<Pruner, AshaPrunerOptions> = {
  kind: 'pruner',
  type: 'asha',
  description: 'Asynchronous successive halving: at epochs r, rη, rη², … keep only trials in the best 1/η of those that got there',
  schema: {
    $id: 'hyperspec:pruner/asha',
    type: 'object',
    properties: {
      min_resource: { type: 'integer', minimum: 1, maximum: 100000, default: 1, description: 'Epochs at the first rung (r)' },
      reduction_factor: { type: 'integer', minimum: 2, maximum: 100, default: 3, description: 'η: each rung keeps the best 1/η of the trials that reached it, and sits η times further than the last' },
      min_early_stopping_rate: { type: 'integer', minimum: 0, maximum: 30, default: 0, description: 's: the first rung is at r·η^s epochs' },
    },
    additionalProperties: false,
  },
  create: (o) => new AshaPruner({ min_resource: o.min_resource ?? 1, reduction_factor: o.reduction_factor ?? 3, min_early_stopping_rate: o.min_early_stopping_rate ?? 0 }),
};

export default definePlugin('@hyperspec/pruner-asha', [ashaPrunerDescriptor]);
