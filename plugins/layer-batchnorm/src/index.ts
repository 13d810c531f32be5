import { definePlugin, type ComponentDescriptor, type Layer, type LayerContext } from '@hyperspec/core';
import { BatchNormLayer, type BatchNormLayerOptions } from './batch-norm-layer.js';

export { BatchNormLayer, type BatchNormLayerOptions };

const batchNormDescriptor: ComponentDescriptor<Layer, BatchNormLayerOptions, LayerContext> = {
  kind: 'layer',
  type: 'batch_norm',
  description: 'Batch normalization per feature ([features]) or per channel ([channels, height, width])',
  schema: {
    $id: 'hyperspec:layer/batch_norm',
    type: 'object',
    properties: {
      momentum: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.1, description: 'Weight of the newest batch in the running mean and variance (PyTorch convention)' },
      eps: { type: 'number', exclusiveMinimum: 0, default: 1e-5, description: 'Added to the variance before the square root, for stability' },
    },
    additionalProperties: false,
  },
  create: (options, ctx) => new BatchNormLayer(options, ctx),
};

export default definePlugin('@hyperspec/layer-batchnorm', [batchNormDescriptor]);
