import type { ComponentDescriptor, JsonSchema, Optimizer } from '@hyperspec/core';
import { Adam, type AdamOptions } from './adam.js';

function adamSchema(type: 'adam' | 'adamw', weightDecay: { default: number; description: string }): JsonSchema {
  return {
    $id: `hyperspec:optimizer/${type}`,
    type: 'object',
    properties: {
      learning_rate: { type: 'number', exclusiveMinimum: 0, maximum: 10, default: 0.001, description: 'Base step size (a schedule scales it)' },
      beta1: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.9, description: 'Decay rate of the running mean of gradients' },
      beta2: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.999, description: 'Decay rate of the running mean of squared gradients' },
      eps: { type: 'number', minimum: 0, maximum: 1, default: 1e-8, description: 'Added to the denominator for numerical stability' },
      weight_decay: { type: 'number', minimum: 0, maximum: 10, ...weightDecay },
      amsgrad: { type: 'boolean', default: false, description: 'Use the running maximum of the second moment (AMSGrad)' },
    },
    additionalProperties: false,
  };
}

export const adamDescriptor: ComponentDescriptor<Optimizer, AdamOptions> = {
  kind: 'optimizer',
  type: 'adam',
  description: 'Adam: per-parameter steps from running means of the gradient and its square',
  schema: adamSchema('adam', { default: 0, description: 'L2 penalty added to the gradient: g + weight_decay·p' }),
  create: (options, ctx) => new Adam(options, false, ctx.engine?.backend),
};

export const adamwDescriptor: ComponentDescriptor<Optimizer, AdamOptions> = {
  kind: 'optimizer',
  type: 'adamw',
  description: 'AdamW: Adam with decoupled weight decay (p ← p·(1 − lr·weight_decay) each step)',
  schema: adamSchema('adamw', { default: 0.01, description: 'Decoupled decay: parameters shrink by lr·weight_decay each step' }),
  create: (options, ctx) => new Adam(options, true, ctx.engine?.backend),
};
