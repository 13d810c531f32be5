import type { LayerSpec, ModelDescriptor } from '@hyperspec/core';
import { activationSchema, initializerFor, intOrList, perLayer } from './options.js';

export interface MlpOptions {
  hidden_layers: number;
  units: number | number[];
  activation: string;
  output_activation: string;
}

/** Hidden dense layers of the same activation, then an output layer sized by the data. */
export function mlpLayers(o: MlpOptions, outputs: number, path: string): LayerSpec[] {
  const units = perLayer(o.units, o.hidden_layers, `${path}.units`, 'hidden_layers');
  const layers: LayerSpec[] = units.map((u) => ({ type: 'dense', units: u, activation: o.activation, kernel_initializer: initializerFor(o.activation) }));
  layers.push({ type: 'dense', units: outputs, activation: o.output_activation });
  return layers;
}

export const mlp: ModelDescriptor<MlpOptions> = {
  kind: 'model',
  type: 'mlp',
  description: 'Multi-layer perceptron: hidden_layers dense layers of `units`, then an output layer sized by the data',
  schema: {
    $id: 'hyperspec:model/mlp',
    type: 'object',
    properties: {
      hidden_layers: { type: 'integer', minimum: 0, maximum: 64, default: 1, description: 'Number of hidden layers' },
      units: intOrList('Units per hidden layer: one number for all, or a list with one per layer', 1, 65536, 64),
      activation: activationSchema,
      output_activation: { enum: ['linear', 'sigmoid', 'softmax'], default: 'linear', description: 'Activation of the output layer (linear: the loss works on logits)' },
    },
    additionalProperties: false,
  },
  create: (o, ctx) => [...(ctx.sampleShape.length > 1 ? [{ type: 'flatten' }] : []), ...mlpLayers(o, ctx.outputs, ctx.path)],
};
