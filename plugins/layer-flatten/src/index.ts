import { definePlugin, type ComponentDescriptor, type Layer, type LayerContext } from '@hyperspec/core';
import { FlattenLayer } from './flatten-layer.js';

export { FlattenLayer };

export const flattenDescriptor: ComponentDescriptor<Layer, object, LayerContext> = {
  kind: 'layer',
  type: 'flatten',
  description: 'Flattens each sample to a vector ([c, h, w] → [c·h·w])',
  schema: { $id: 'hyperspec:layer/flatten', type: 'object', properties: {}, additionalProperties: false },
  create: (_options, ctx) => new FlattenLayer(ctx),
};

export default definePlugin('@hyperspec/layer-flatten', [flattenDescriptor]);
