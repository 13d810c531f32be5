import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { Tensor } from '../tensor.js';
import { softplus } from './activations.js';
import { reshape } from './shape.js';
import { formatShape, sameShape } from './broadcast.js';
import { mul, square, sub } from './elementwise.js';
import { mean } from './reduce.js';

/**
 * Mean squared error between predictions and targets of the same shape; scalar targets [n] of a
 * one-output model [n, 1] are read as [n, 1] (a regression dataset gives one number per sample).
 */
export function mse(pred: Tensor, target: Tensor): Tensor {
  const t = !sameShape(pred.shape, target.shape) && pred.rank === 2 && pred.shape[1] === 1 && target.rank === 1 && target.size === pred.shape[0] ? reshape(target, pred.shape) : target;
  if (!sameShape(pred.shape, t.shape)) {
    throw new HyperspecError('shape', `mse: predictions ${formatShape(pred.shape)} and targets ${formatShape(target.shape)} differ`);
  }
  return mean(square(sub(pred, t)));
}

/**
 * Mean binary cross-entropy on logits, computed stably as softplus(x) − x·t
 * (= max(x,0) − x·t + log(1 + e^{−|x|})).
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, target: Tensor): Tensor {
  if (logits.size !== target.size) {
    throw new HyperspecError('shape', `binary_cross_entropy: logits ${formatShape(logits.shape)} and targets ${formatShape(target.shape)} differ in size`);
  }
  const t = target.rank === logits.rank ? target : reshape(target, logits.shape);
  return mean(sub(softplus(logits), mul(logits, t)));
}
