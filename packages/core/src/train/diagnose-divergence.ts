import type { ArraySplit } from '../contracts/dataset.js';
import type { Parameter } from '../contracts/layer.js';
import { HyperspecError } from '../errors/hyperspec-error.js';

export interface DivergenceContext {
  loss: number;
  epoch: number;
  batch: number;
  lr: number;
  train: ArraySplit;
  sampleSize: number;
  /** Positions in `train` of the batch's samples. */
  samples: ArrayLike<number>;
  params: readonly Parameter[];
}

function largest(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/**
 * Says why the loss became NaN or infinite, from what went into the step: the batch's inputs (a
 * non-finite value names the sample), the weights (a non-finite or huge one names the parameter: they
 * diverged in earlier steps), or else the loss itself diverged on finite inputs and weights — with the
 * largest input and weight, since inputs far from unit scale are a common cause.
 */
export function divergenceError(c: DivergenceContext): HyperspecError {
  const what = `the loss became ${c.loss} at epoch ${c.epoch}, batch ${c.batch} (learning rate ${c.lr})`;
  for (let i = 0; i < c.samples.length; i++) {
    const s = c.samples[i];
    const x = c.train.x.subarray(s * c.sampleSize, (s + 1) * c.sampleSize);
    const bad = x.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      return new HyperspecError('data', `${what}: the inputs are not finite: training sample ${s} holds ${x[bad]} at position ${bad}`, {
        hint: 'fix or remove that sample in the data',
      });
    }
  }
  const lower = 'lower train.optimizer.learning_rate or add train.gradient_clip';
  let weight = 0;
  let heaviest = '';
  for (const p of c.params) {
    const bad = p.value.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return new HyperspecError('numeric', `${what}: the weights diverged: parameter "${p.name}" holds ${p.value.data[bad]} at index ${bad}`, { hint: lower });
    const m = largest(p.value.data);
    if (m > weight) [weight, heaviest] = [m, p.name];
  }
  if (weight > 1e6) return new HyperspecError('numeric', `${what}: the weights diverged: parameter "${heaviest}" reaches ${weight.toPrecision(3)}`, { hint: lower });
  let input = 0;
  for (let i = 0; i < c.samples.length; i++) input = Math.max(input, largest(c.train.x.subarray(c.samples[i] * c.sampleSize, (c.samples[i] + 1) * c.sampleSize)));
  const farFromUnit = input > 1e4 ? `the inputs reach ${input.toPrecision(3)}, far from unit scale: standardize them (data.standardize), or ` : '';
  return new HyperspecError('numeric', `${what}: the loss diverged with finite inputs (largest ${input.toPrecision(3)}) and weights (largest ${weight.toPrecision(3)})`, {
    hint: `${farFromUnit}${lower}`,
  });
}
