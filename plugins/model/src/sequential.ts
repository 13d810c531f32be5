import type { LayerSpec, ModelDescriptor } from '@hyperspec/core';

export const sequential: ModelDescriptor<{ layers: LayerSpec[] }> = {
  kind: 'model',
  type: 'sequential',
  description: 'An explicit list of layers, applied in order (the last one must produce the outputs the loss expects)',
  schema: {
    $id: 'hyperspec:model/sequential',
    type: 'object',
    properties: {
      layers: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
        description: 'Layers in order, each { type: <layer>, ...options }',
      },
    },
    required: ['layers'],
    additionalProperties: false,
  },
  create: (o) => o.layers.map((l) => ({ ...l })),
};
