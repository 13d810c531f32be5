import { definePlugin, type ComponentDescriptor, type Layer, type LayerContext } from '@hyperspec/core';
import { ACTIVATION_NAMES } from '@hyperspec/core/tensor';
import { DenseLayer, type DenseOptions } from './dense-layer.js';

export { DenseLayer, type DenseOptions };

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

export default definePlugin('@hyperspec/layer-dense', [denseDescriptor]);
