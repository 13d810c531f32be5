import { definePlugin, type ComponentDescriptor, type Layer, type LayerContext } from '@hyperspec/core';
import { ACTIVATION_NAMES } from '@hyperspec/core/tensor';
import { ActivationLayer } from './activation-layer.js';
import { DenseLayer, type DenseOptions } from './dense-layer.js';
import { FlattenLayer } from './flatten-layer.js';

export { DenseLayer, FlattenLayer, ActivationLayer };
export { activate } from './dense-layer.js';

const activationEnum = { enum: [...ACTIVATION_NAMES], description: 'Activation applied to the output' };

const denseDescriptor: ComponentDescriptor<Layer, DenseOptions, LayerContext> = {
  kind: 'layer',
  type: 'dense',
  description: 'Fully connected layer: y = activation(x·W + b)',
  schema: {
    $id: 'hyperspec:layer/dense',
    type: 'object',
    properties: {
      units: { type: 'integer', minimum: 1, maximum: 1000000, description: 'Number of output units (neurons)' },
      activation: { ...activationEnum, default: 'linear' },
      use_bias: { type: 'boolean', default: true, description: 'Learn a bias per unit' },
      kernel_initializer: { type: 'string', default: 'glorot_uniform', description: 'Initializer of the weights' },
      bias_initializer: { type: 'string', default: 'zeros', description: 'Initializer of the biases' },
    },
    required: ['units'],
    additionalProperties: false,
  },
  create: (options, ctx) => new DenseLayer(options, ctx),
};

const flattenDescriptor: ComponentDescriptor<Layer, object, LayerContext> = {
  kind: 'layer',
  type: 'flatten',
  description: 'Flattens each sample to a vector ([c, h, w] → [c·h·w])',
  schema: { $id: 'hyperspec:layer/flatten', type: 'object', properties: {}, additionalProperties: false },
  create: (_options, ctx) => new FlattenLayer(ctx),
};

function activationDescriptor(type: 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'gelu' | 'softplus' | 'leaky_relu' | 'elu', description: string, alphaDefault?: number): ComponentDescriptor<Layer, { alpha?: number }, LayerContext> {
  const properties: Record<string, unknown> = {};
  if (alphaDefault !== undefined) {
    properties.alpha = { type: 'number', minimum: 0, default: alphaDefault, description: type === 'leaky_relu' ? 'Slope for negative inputs' : 'Scale of the negative saturation' };
  }
  return {
    kind: 'layer',
    type,
    description,
    schema: { $id: `hyperspec:layer/${type}`, type: 'object', properties, additionalProperties: false },
    create: (options, ctx) => new ActivationLayer(type, options.alpha, ctx),
  };
}

const descriptors = [
  denseDescriptor,
  flattenDescriptor,
  activationDescriptor('relu', 'Rectified linear unit: max(x, 0)'),
  activationDescriptor('sigmoid', 'Logistic sigmoid: 1 / (1 + e^−x)'),
  activationDescriptor('tanh', 'Hyperbolic tangent'),
  activationDescriptor('softmax', 'Softmax over the last axis'),
  activationDescriptor('gelu', 'Gaussian error linear unit (tanh approximation)'),
  activationDescriptor('softplus', 'Softplus: log(1 + e^x)'),
  activationDescriptor('leaky_relu', 'Leaky ReLU: x for x > 0, alpha·x otherwise', 0.01),
  activationDescriptor('elu', 'Exponential linear unit', 1),
];

export default definePlugin('@hyperspec/layers-dense', descriptors);
