import { HyperspecError } from '../../errors/hyperspec-error.js';
import type { Rng } from '../../util/rng.js';
import type { Tensor } from '../tensor.js';
import { binaryRaw } from './elementwise.js';

/**
 * Inverted dropout (Srivastava et al. 2014): in training each unit is zeroed with probability `rate`
 * and the kept ones are scaled by 1/(1 − rate), so the expected activation is unchanged and inference
 * is the identity. The mask is drawn from `rng`, one draw per unit, so a seeded generator repeats it.
 */
export function dropout(x: Tensor, rate: number, rng: Rng, training: boolean): Tensor {
  if (!(rate >= 0 && rate < 1)) {
    throw new HyperspecError('usage', `dropout: rate must be in [0, 1), got ${rate}`);
  }
  if (!training || rate === 0) return x;
  const e = x.engine;
  const mask = e.empty(x.shape);
  // The draws happen in a host kernel, so a captured step draws a fresh mask on every replay.
  e.host(dropoutMaskKernel, rng, rate, mask.data);
  const out = binaryRaw('mul', x, mask);
  return e.record(out, 'dropout', [x], (dy) => [binaryRaw('mul', dy, mask)]);
}

/** mask[i] = 0 with probability `rate`, else 1/(1 − rate): one draw of `rng` per unit, in order. */
function dropoutMaskKernel(rng: Rng, rate: number, mask: Float32Array): void {
  const keep = 1 / (1 - rate);
  // rng.next() < rate, compared as integers: the same draws, without a division per unit.
  const threshold = rate * 4294967296;
  for (let i = 0; i < mask.length; i++) mask[i] = rng.nextUint32() < threshold ? 0 : keep;
}
