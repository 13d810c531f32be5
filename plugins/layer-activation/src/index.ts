import { definePlugin, type ComponentDescriptor, type Layer, type LayerContext } from '@hyperspec/core';
import type { ActivationName } from '@hyperspec/core/tensor';
import { ActivationLayer } from './activation-layer.js';

export { ActivationLayer };

/** An activation layer's descriptor; its type is the activation's name (every one but `linear`, which is no layer). */
function activationDescriptor(type: Exclude<ActivationName, 'linear'>, description: string, alphaDefault?: number): ComponentDescriptor<Layer, { alpha?: number }, LayerContext> {
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

/** One layer type per activation, each applying it elementwise (softmax over the last axis). */
export const activationDescriptors = [
  activationDescriptor('relu', 'Rectified linear unit: max(x, 0)'),
  activationDescriptor('sigmoid', 'Logistic sigmoid: 1 / (1 + e^−x)'),
  activationDescriptor('tanh', 'Hyperbolic tangent'),
  activationDescriptor('softmax', 'Softmax over the last axis'),
  activationDescriptor('gelu', 'Gaussian error linear unit (tanh approximation)'),
  activationDescriptor('softplus', 'Softplus: log(1 + e^x)'),
  activationDescriptor('leaky_relu', 'Leaky ReLU: x for x > 0, alpha·x otherwise', 0.01),
  activationDescriptor('elu', 'Exponential linear unit', 1),
];

export default definePlugin('@hyperspec/layer-activation', activationDescriptors);
