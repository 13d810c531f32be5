import type { ComponentDescriptor, Optimizer } from '@hyperspec/core';
import { checkSgdOptions, Sgd, type SgdOptions } from './sgd.js';

export const sgdDescriptor: ComponentDescriptor<Optimizer, SgdOptions> = {
  kind: 'optimizer',
  type: 'sgd',
  description: 'Stochastic gradient descent with optional (Nesterov) momentum, dampening and L2 weight decay',
  schema: {
    $id: 'hyperspec:optimizer/sgd',
    type: 'object',
    properties: {
      learning_rate: { type: 'number', exclusiveMinimum: 0, maximum: 10, default: 0.01, description: 'Base step size (a schedule scales it)' },
      momentum: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0, description: 'Momentum factor; 0 is plain SGD' },
      dampening: { type: 'number', minimum: 0, maximum: 1, default: 0, description: 'Fraction of the new gradient left out of the momentum buffer' },
      nesterov: { type: 'boolean', default: false, description: 'Nesterov momentum (needs momentum > 0 and dampening 0)' },
      weight_decay: { type: 'number', minimum: 0, maximum: 10, default: 0, description: 'L2 penalty added to the gradient: g + weight_decay·p' },
    },
    additionalProperties: false,
  },
  create(options, ctx) {
    checkSgdOptions(options, ctx.path);
    return new Sgd(options);
  },
};
