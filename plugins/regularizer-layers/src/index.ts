import { definePlugin, type ComponentDescriptor, type Regularizer } from '@hyperspec/core';
import { insertAfterHidden } from './insert-after-hidden.js';

export { insertAfterHidden };

const dropout: ComponentDescriptor<Regularizer, { rate: number }> = {
  kind: 'regularizer',
  type: 'dropout',
  description: 'Inserts a dropout layer after every hidden layer (a dropout layer already written there wins)',
  schema: {
    $id: 'hyperspec:regularizer/dropout',
    type: 'object',
    properties: { rate: { type: 'number', minimum: 0, exclusiveMaximum: 1, description: 'Fraction of units zeroed during training' } },
    required: ['rate'],
    additionalProperties: false,
  },
  create: ({ rate }) => ({ transformArchitecture: (layers) => insertAfterHidden(layers, 'dropout', () => ({ type: 'dropout', rate })) }),
};

const batchNorm: ComponentDescriptor<Regularizer, { momentum: number; eps: number }> = {
  kind: 'regularizer',
  type: 'batch_norm',
  description: 'Inserts batch normalization after every hidden layer (a batch_norm layer already written there wins)',
  schema: {
    $id: 'hyperspec:regularizer/batch_norm',
    type: 'object',
    properties: {
      momentum: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.1, description: 'Weight of the newest batch in the running averages' },
      eps: { type: 'number', exclusiveMinimum: 0, default: 1e-5, description: 'Added to the variance for stability' },
    },
    additionalProperties: false,
  },
  create: ({ momentum, eps }) => ({ transformArchitecture: (layers) => insertAfterHidden(layers, 'batch_norm', () => ({ type: 'batch_norm', momentum, eps })) }),
};

export default definePlugin('@hyperspec/regularizer-layers', [dropout, batchNorm]);
