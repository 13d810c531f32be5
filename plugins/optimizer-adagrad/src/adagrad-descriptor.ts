import type { ComponentDescriptor, Optimizer } from '@hyperspec/core';
import { Adagrad, type AdagradOptions } from './adagrad.js';

export const adagradDescriptor: ComponentDescriptor<Optimizer, AdagradOptions> = {
  kind: 'optimizer',
  type: 'adagrad',
  description: 'Adagrad: steps scaled by the root of all squared gradients so far',
  schema: {
    $id: 'hyperspec:optimizer/adagrad',
    type: 'object',
    properties: {
      learning_rate: { type: 'number', exclusiveMinimum: 0, maximum: 10, default: 0.01, description: 'Base step size (a schedule scales it)' },
      lr_decay: { type: 'number', minimum: 0, maximum: 10, default: 0, description: 'The rate at step t is learning_rate / (1 + (t − 1)·lr_decay)' },
      eps: { type: 'number', minimum: 0, maximum: 1, default: 1e-10, description: 'Added to the denominator for numerical stability' },
      initial_accumulator_value: { type: 'number', minimum: 0, maximum: 1000, default: 0, description: 'Starting value of the sum of squared gradients' },
      weight_decay: { type: 'number', minimum: 0, maximum: 10, default: 0, description: 'L2 penalty added to the gradient: g + weight_decay·p' },
    },
    additionalProperties: false,
  },
  create: (options) => new Adagrad(options),
};
