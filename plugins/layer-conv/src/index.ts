import { definePlugin, type ComponentDescriptor, type Layer, type LayerContext } from '@hyperspec/core';
import { ACTIVATIONS } from '@hyperspec/core/tensor';
import { Conv2dLayer, type Conv2dLayerOptions } from './conv2d-layer.js';

export { Conv2dLayer, type Conv2dLayerOptions };

const conv2dDescriptor: ComponentDescriptor<Layer, Conv2dLayerOptions, LayerContext> = {
  kind: 'layer',
  type: 'conv2d',
  description: '2-d convolution over [channels, height, width] images: y = activation(conv(x, W) + b)',
  schema: {
    $id: 'hyperspec:layer/conv2d',
    type: 'object',
    properties: {
      filters: { type: 'integer', minimum: 1, maximum: 16384, description: 'Number of kernels, i.e. output channels' },
      kernel_size: { type: 'integer', minimum: 1, maximum: 7, default: 3, description: 'Height and width of each kernel' },
      stride: { type: 'integer', minimum: 1, maximum: 1024, default: 1, description: 'Step of the kernel across the image' },
      padding: { enum: ['valid', 'same'], default: 'valid', description: "valid: no padding (the image shrinks by kernel_size − 1); same: zero-pad so the output is ⌈size / stride⌉ (TensorFlow's rule)" },
      use_bias: { type: 'boolean', default: true, description: 'Learn a bias per output channel' },
      activation: { enum: Object.keys(ACTIVATIONS), default: 'linear', description: 'Activation applied to the output' },
      kernel_initializer: { type: 'string', default: 'he_uniform', description: 'Initializer of the kernels (fan-in = channels·k·k)' },
    },
    required: ['filters'],
    additionalProperties: false,
  },
  create: (options, ctx) => new Conv2dLayer(options, ctx),
};

export default definePlugin('@hyperspec/layer-conv', [conv2dDescriptor]);
