import { definePlugin, type ComponentDescriptor, type Layer, type LayerContext } from '@hyperspec/core';
import { DropoutLayer, type DropoutLayerOptions } from './dropout-layer.js';

export { DropoutLayer, type DropoutLayerOptions };

const dropoutDescriptor: ComponentDescriptor<Layer, DropoutLayerOptions, LayerContext> = {
  kind: 'layer',
  type: 'dropout',
  description: 'Dropout: zeroes a random fraction of units in training (scaling the rest), identity at inference',
  schema: {
    $id: 'hyperspec:layer/dropout',
    type: 'object',
    properties: {
      rate: { type: 'number', minimum: 0, exclusiveMaximum: 1, default: 0.5, description: 'Probability that a unit is zeroed during training' },
    },
    additionalProperties: false,
  },
  create: (options, ctx) => new DropoutLayer(options, ctx),
};

export default definePlugin('@hyperspec/layer-dropout', [dropoutDescriptor]);
