import type { ComponentDescriptor, Optimizer } from '@hyperspec/core';
import { Rmsprop, type RmspropOptions } from './rmsprop.js';

export const rmspropDescriptor: ComponentDescriptor<Optimizer, RmspropOptions> = {
  kind: 'optimizer',
  type: 'rmsprop',
  description: 'RMSprop: steps scaled by a running root mean square of the gradient',
  schema: {
    $id: 'hyperspec:optimizer/rmsprop',
    type: 'object',
    properties: {
      learning_rate: { type: 'number', exclusiveMinimum: 0, maximum: 10, default: 0.01, description: 'Base step size (a schedule scales it)' },
      alpha: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.99, description: 'Decay rate of the running mean of squared gradients' },
      eps: { type: 'number', minimum: 0, maximum: 1, default: 1e-8, description: 'Added to the denominator for numerical stability' },
      momentum: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0, description: 'Momentum factor on the scaled gradient; 0 turns momentum off' },
      centered: { type: 'boolean', default: false, description: 'Divide by an estimate of the gradient variance instead of its raw second moment' },
      weight_decay: { type: 'number', minimum: 0, maximum: 10, default: 0, description: 'L2 penalty added to the gradient: g + weight_decay·p' },
    },
    additionalProperties: false,
  },
  create: (options) => new Rmsprop(options),
};
