import type { LayerSpec, ModelDescriptor } from '@hyperspec/core';
import { mlpLayers } from './mlp.js';
import { activationSchema, initializerFor, intOrList, perLayer } from './options.js';

export interface CnnOptions {
  conv_layers: number;
  filters: number | number[];
  kernel_size: number | number[];
  padding: 'valid' | 'same';
  pooling: 'max' | 'avg' | 'none';
  pool_size: number;
  hidden_layers: number;
  units: number | number[];
  activation: string;
  output_activation: string;
}

export const cnn: ModelDescriptor<CnnOptions> = {
  kind: 'model',
  type: 'cnn',
  description: 'Convolutional network: conv_layers blocks of conv2d (+ pooling), then an mlp head',
  schema: {
    $id: 'hyperspec:model/cnn',
    type: 'object',
    properties: {
      conv_layers: { type: 'integer', minimum: 1, maximum: 16, default: 2, description: 'Number of convolution blocks' },
      filters: intOrList('Convolution kernels (output channels) per block: one number, or one per block', 1, 4096, 32),
      kernel_size: intOrList('Kernel size per block (1–7): one number, or one per block', 1, 7, 3),
      padding: { enum: ['valid', 'same'], default: 'same', description: 'valid: no padding; same: keep the spatial size' },
      pooling: { enum: ['max', 'avg', 'none'], default: 'max', description: 'Pooling after each block' },
      pool_size: { type: 'integer', minimum: 1, maximum: 8, default: 2, description: 'Pooling window (and stride)' },
      hidden_layers: { type: 'integer', minimum: 0, maximum: 64, default: 1, description: 'Dense hidden layers of the head' },
      units: intOrList('Units per dense hidden layer', 1, 65536, 128),
      activation: activationSchema,
      output_activation: { enum: ['linear', 'sigmoid', 'softmax'], default: 'linear', description: 'Activation of the output layer' },
    },
    additionalProperties: false,
  },
  create: (o, ctx) => {
    const filters = perLayer(o.filters, o.conv_layers, `${ctx.path}.filters`, 'conv_layers');
    const kernels = perLayer(o.kernel_size, o.conv_layers, `${ctx.path}.kernel_size`, 'conv_layers');
    const layers: LayerSpec[] = [];
    for (let i = 0; i < o.conv_layers; i++) {
      layers.push({ type: 'conv2d', filters: filters[i], kernel_size: kernels[i], padding: o.padding, activation: o.activation, kernel_initializer: initializerFor(o.activation) });
      if (o.pooling !== 'none') layers.push({ type: o.pooling === 'max' ? 'max_pool2d' : 'avg_pool2d', pool_size: o.pool_size });
    }
    layers.push({ type: 'flatten' });
    return [...layers, ...mlpLayers(o, ctx.outputs, ctx.path)];
  },
};
