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
  const keep = 1 / (1 - rate);
  const m = mask.data;
  // rng.next() < rate, compared as integers: the same draws, without a division per unit.
  const threshold = rate * 4294967296;
  for (let i = 0; i < m.length; i++) m[i] = rng.nextUint32() < threshold ? 0 : keep;
  const out = binaryRaw('mul', x, mask);
  return e.record(out, 'dropout', [x], (dy) => [binaryRaw('mul', dy, mask)]);
}
