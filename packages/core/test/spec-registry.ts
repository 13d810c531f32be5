import type { Components, ComponentDescriptor, ComponentKind, JsonSchema } from '@hyperspec/core';
import { componentsOf } from '@hyperspec/core/testing';

/** A descriptor whose `create` is never called: the spec tests only need kinds, types and schemas. */
function fake(kind: ComponentKind, type: string, properties: Record<string, JsonSchema> = {}, required: string[] = []): ComponentDescriptor {
  return {
    kind,
    type,
    description: `test ${kind} ${type}`,
    schema: { $id: `hyperspec:${kind}/${type}`, type: 'object', properties, required, additionalProperties: false },
    create: () => {
      throw new Error('not used by the spec tests');
    },
    plugin: '@test/fake',
  };
}

const positiveRate = (dflt: number): JsonSchema => ({ type: 'number', exclusiveMinimum: 0, default: dflt, description: 'step size' });
const unitInterval: JsonSchema = { type: 'number', minimum: 0, exclusiveMaximum: 1, description: 'a fraction' };
const units: JsonSchema = { type: 'integer', minimum: 1, maximum: 4096, description: 'units' };

/** One descriptor per kind the spec uses, with bounds, enums, defaults, a union and a required key. */
export function fakeDescriptors(): ComponentDescriptor[] {
  return [
    fake('dataset', 'iris', { standardize: { type: 'boolean', default: true, description: 'standardize features' } }),
    fake('model', 'sequential', {
      layers: { type: 'array', minItems: 1, items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } }, description: 'layers' },
    }, ['layers']),
    fake('model', 'mlp', {
      hidden_layers: { type: 'integer', minimum: 0, maximum: 64, default: 1, description: 'hidden layers' },
      units: { oneOf: [units, { type: 'array', items: units, minItems: 1 }], default: 64, description: 'units per hidden layer' },
      activation: { enum: ['relu', 'tanh', 'sigmoid'], default: 'relu', description: 'activation' },
    }),
    fake('layer', 'dense', {
      units,
      activation: { enum: ['linear', 'relu', 'tanh', 'softmax'], default: 'linear', description: 'activation' },
      use_bias: { type: 'boolean', default: true, description: 'add a bias' },
    }, ['units']),
    fake('optimizer', 'sgd', {
      learning_rate: positiveRate(0.01),
      momentum: { ...unitInterval, default: 0 },
      nesterov: { type: 'boolean', default: false, description: 'Nesterov momentum' },
    }),
    fake('optimizer', 'adam', {
      learning_rate: positiveRate(0.001),
      beta1: { ...unitInterval, default: 0.9 },
      beta2: { ...unitInterval, default: 0.999 },
    }),
    fake('loss', 'cross_entropy'),
    fake('metric', 'accuracy'),
    fake('regularizer', 'dropout', { rate: { ...unitInterval, default: 0.5 } }),
    fake('callback', 'early_stopping', {
      monitor: { type: 'string', minLength: 1, default: 'val_loss', description: 'metric' },
      patience: { type: 'integer', minimum: 1, default: 5, description: 'epochs' },
      min_delta: { type: 'number', minimum: 0, default: 0, description: 'delta' },
      mode: { enum: ['min', 'max', 'auto'], default: 'auto', description: 'mode' },
    }),
    fake('searcher', 'random'),
    fake('storage', 'memory'),
    fake('backend', 'cpu'),
  ];
}

export function fakeRegistry(): Components {
  return componentsOf(fakeDescriptors());
}
