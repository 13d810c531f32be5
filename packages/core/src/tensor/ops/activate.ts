import type { Tensor } from '../tensor.js';
import { ACTIVATIONS, type ActivationName } from './activations.js';
import { softmax } from './softmax.js';

/** Applies an activation by the name a spec uses for it (`softmax` over the last axis included). */
export function activate(name: ActivationName, x: Tensor): Tensor {
  return name === 'softmax' ? softmax(x) : ACTIVATIONS[name](x);
}
