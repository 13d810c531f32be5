import type { ComponentDescriptor, Optimizer } from '@hyperspec/core';
import { Lion, type LionOptions } from './lion.js';

/** What hyperspec registers: `type: lion` in a spec's `train.optimizer`, with these options. */
export const lionDescriptor: ComponentDescriptor<Optimizer, LionOptions> = {
  kind: 'optimizer',
  type: 'lion',
  description: 'Lion (Chen et al. 2023): sign of interpolated momentum, decoupled weight decay',
  schema: {
    $id: 'hyperspec:optimizer/lion',
    type: 'object',
    properties: {
      learning_rate: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 1e-4, description: 'Step size per coordinate (3-10x smaller than for AdamW)' },
      beta1: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.9, description: 'Weight of the momentum in the update direction' },
      beta2: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.99, description: 'Decay rate of the momentum' },
      weight_decay: { type: 'number', minimum: 0, maximum: 10, default: 0, description: 'Decoupled decay: p shrinks by lr·weight_decay·p each step' },
    },
    additionalProperties: false,
  },
  // `options` arrive validated against the schema above, with defaults filled in.
  create: (options) => new Lion(options),
};
