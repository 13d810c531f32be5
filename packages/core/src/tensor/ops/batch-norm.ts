import { HyperspecError } from '../../errors/hyperspec-error.js';
import { copyKernel } from '../host-kernels.js';
import type { Tensor } from '../tensor.js';
import { formatShape } from './broadcast.js';
import { binaryRaw, unaryRaw } from './elementwise.js';
import { sumTo } from './reduce.js';

export interface BatchNormOptions {
  /** Training: normalise with the batch statistics and update the running ones. Inference: use the running ones. */
  training: boolean;
  /** Weight of the newest batch in the running averages (PyTorch's convention; default 0.1). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Per-channel running mean [C], updated in place in training; required for inference. */
  runningMean?: Tensor | null;
  /** Per-channel running variance [C] (unbiased), updated in place in training; required for inference. */
  runningVar?: Tensor | null;
}

/**
 * Batch normalisation (Ioffe & Szegedy 2015) over the channel axis 1 of x [N, C] or [N, C, H, W]:
 * y = γ·(x − μ)/√(σ² + eps) + β. In training μ and σ² are the batch's per-channel mean and biased
 * variance, and the running averages move by `momentum` toward μ and the unbiased variance, as
 * PyTorch does. The backward is the closed form
 * dx = γ/(M·√(σ² + eps)) · (M·dy − Σdy − x̂·Σ(dy·x̂)) over the M values of each channel.
 */
export function batchNorm(x: Tensor, gamma: Tensor, beta: Tensor, options: BatchNormOptions): Tensor {
  if (x.rank !== 2 && x.rank !== 4) {
    throw new HyperspecError('shape', `batch_norm: needs input [batch, channels] or [batch, channels, height, width], got ${formatShape(x.shape)}`);
  }
  const channels = x.shape[1];
  for (const [name, t] of [['gamma', gamma], ['beta', beta], ['running mean', options.runningMean], ['running variance', options.runningVar]] as const) {
    if (t && (t.rank !== 1 || t.shape[0] !== channels)) {
      throw new HyperspecError('shape', `batch_norm: ${name} ${formatShape(t.shape)} does not match input ${formatShape(x.shape)} (expected [${channels}])`);
    }
  }
  const e = x.engine;
  const eps = options.eps ?? 1e-5;
  const momentum = options.momentum ?? 0.1;
  const statShape = x.rank === 2 ? [1, channels] : [1, channels, 1, 1];
  const count = x.size / channels;
  const asStat = (t: Tensor): Tensor => {
    const s = e.empty(statShape);
    e.host(copyKernel, t.data, s.data);
    return s;
  };
  const scale = (t: Tensor, c: number): Tensor => binaryRaw('mul', t, e.scalar(c));

  let mean: Tensor;
  let variance: Tensor;
  if (options.training) {
    if (count < 2) {
      throw new HyperspecError('shape', `batch_norm: training needs more than one value per channel, got input ${formatShape(x.shape)}`, {
        hint: 'use a batch size above 1',
      });
    }
    mean = scale(sumTo(x, statShape), 1 / count);
    // Two passes (mean, then squared deviations) keep the variance accurate in float32.
    variance = scale(sumTo(unaryRaw('square', binaryRaw('sub', x, mean)), statShape), 1 / count);
    if (options.runningMean) e.host(updateRunningKernel, options.runningMean.data, mean.data, momentum, 1);
    if (options.runningVar) e.host(updateRunningKernel, options.runningVar.data, variance.data, momentum, count / (count - 1));
  } else {
    if (!options.runningMean || !options.runningVar) {
      throw new HyperspecError('usage', 'batch_norm: inference needs the running mean and variance');
    }
    mean = asStat(options.runningMean);
    variance = asStat(options.runningVar);
  }
  const invStd = unaryRaw('reciprocal', unaryRaw('sqrt', binaryRaw('add', variance, e.scalar(eps))));
  const g = asStat(gamma);
  const xhat = binaryRaw('mul', binaryRaw('sub', x, mean), invStd);
  const out = binaryRaw('add', binaryRaw('mul', xhat, g), asStat(beta));

  return e.record(out, 'batch_norm', [x, gamma, beta], (dy) => {
    const dBeta = sumTo(dy, statShape);
    const dGamma = sumTo(binaryRaw('mul', dy, xhat), statShape);
    let dx: Tensor | null = null;
    if (x.tracked) {
      const gainOverStd = binaryRaw('mul', g, invStd);
      if (options.training) {
        // The batch statistics depend on x too, which adds the two centring terms.
        const centred = binaryRaw('sub', binaryRaw('sub', scale(dy, count), dBeta), binaryRaw('mul', xhat, dGamma));
        dx = binaryRaw('mul', centred, scale(gainOverStd, 1 / count));
      } else {
        dx = binaryRaw('mul', dy, gainOverStd);
      }
    }
    return [dx, flat(dGamma), flat(dBeta)];
  });
}

/** running ← (1 − momentum)·running + momentum·batch·correction, in place. */
function updateRunningKernel(running: Float32Array, batch: Float32Array, momentum: number, correction: number): void {
  for (let c = 0; c < running.length; c++) running[c] = (1 - momentum) * running[c] + momentum * batch[c] * correction;
}

function flat(t: Tensor): Tensor {
  const out = t.engine.empty([t.size]);
  t.engine.host(copyKernel, t.data, out.data);
  return out;
}
