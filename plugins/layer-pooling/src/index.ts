import { definePlugin, type ComponentDescriptor, type Layer, type LayerContext } from '@hyperspec/core';
import { Pool2dLayer, type Pool2dLayerOptions, type PoolMode } from './pool2d-layer.js';

export { Pool2dLayer, type Pool2dLayerOptions, type PoolMode };

function poolDescriptor(mode: PoolMode, description: string): ComponentDescriptor<Layer, Pool2dLayerOptions, LayerContext> {
  const type = `${mode}_pool2d`;
  return {
    kind: 'layer',
    type,
    description,
    schema: {
      $id: `hyperspec:layer/${type}`,
      type: 'object',
      properties: {
        pool_size: { type: 'integer', minimum: 1, maximum: 1024, default: 2, description: 'Height and width of the pooling window' },
        stride: { type: 'integer', minimum: 1, maximum: 1024, description: 'Step of the window (default: pool_size, so windows do not overlap)' },
      },
      additionalProperties: false,
    },
    create: (options, ctx) => new Pool2dLayer(mode, options, ctx),
  };
}

export default definePlugin('@hyperspec/layer-pooling', [
  poolDescriptor('max', 'Max pooling: the largest value of each window, per channel'),
  poolDescriptor('avg', 'Average pooling: the mean of each window, per channel'),
]);
