/**
 * The points of the scaling bench (issue 16, "how cost grows"): one MLP family, 784-H-H/2-10 with ReLU,
 * softmax cross-entropy and Adam (H = 256 is the engine bench's W-MLP), swept over the batch size at
 * H = 256 and over H at batch 64.
 */
export interface ScalingPoint {
  hidden: number;
  batch: number;
  /** Untimed steps at this shape first (JIT tier-up, buffer pools, BLAS thread start). */
  warmup: number;
  /** Timed steps. */
  steps: number;
}

export interface Sweeps {
  /** Training images the batches cycle through (the first N of MNIST's training set). */
  trainImages: number;
  lr: number;
  seed: number;
  batch: { hidden: number; points: ScalingPoint[] };
  width: { batch: number; points: ScalingPoint[] };
}

/** An MNIST epoch: the timed steps' seconds are scaled to this many samples. */
export const SAMPLES_PER_EPOCH = 60_000;

/** Work timed per point (forward + backward FLOPs): about a second of compute at 25 GFLOP/s. */
const FLOPS_PER_POINT = 24e9;
const MIN_STEPS = 16;
/**
 * Warm-up per point: 2000 samples (JIT tier-up of the per-step code matters at small batches), but no
 * more than a quarter of the timed steps (wide layers are warm after a few steps), and at least 5 steps.
 */
const WARMUP_SAMPLES = 2000;
const warmupSteps = (batch: number, steps: number) => Math.max(5, Math.min(Math.ceil(WARMUP_SAMPLES / batch), Math.ceil(steps / 4)));

export const BATCH_SIZES = [16, 32, 64, 128, 256, 512, 1024];
export const WIDTHS = [256, 512, 1024, 2048];

/** Layer sizes of the family's member with H hidden units in the first layer. */
export function mlpSizes(hidden: number): number[] {
  return [784, hidden, hidden / 2, 10];
}

/**
 * Matrix-product FLOPs of one training sample: per layer 2·in·out for the forward product, as much for
 * the weight gradient, and as much again for the input gradient except in the first layer (its input,
 * the image, needs none) — 3× the forward FLOPs but 2× for the first layer. Bias, ReLU, softmax and the
 * Adam update are not counted. Equals the engine bench's MLP_FLOPS_PER_SAMPLE for H = 256.
 */
export function flopsPerSample(sizes: readonly number[]): number {
  let flops = 0;
  for (let i = 0; i + 1 < sizes.length; i++) flops += 2 * sizes[i] * sizes[i + 1] * (i === 0 ? 2 : 3);
  return flops;
}

function point(hidden: number, batch: number): ScalingPoint {
  const steps = Math.max(MIN_STEPS, Math.ceil(FLOPS_PER_POINT / (flopsPerSample(mlpSizes(hidden)) * batch)));
  return { hidden, batch, warmup: warmupSteps(batch, steps), steps };
}

export function sweeps(smoke: boolean): Sweeps {
  if (smoke) {
    const tiny = (hidden: number, batch: number): ScalingPoint => ({ hidden, batch, warmup: 1, steps: 3 });
    return {
      trainImages: 256,
      lr: 1e-3,
      seed: 1,
      batch: { hidden: 256, points: [16, 64].map((b) => tiny(256, b)) },
      width: { batch: 64, points: [256, 512].map((h) => tiny(h, 64)) },
    };
  }
  return {
    trainImages: 10_000,
    lr: 1e-3,
    seed: 1,
    batch: { hidden: 256, points: BATCH_SIZES.map((b) => point(256, b)) },
    width: { batch: 64, points: WIDTHS.map((h) => point(h, 64)) },
  };
}
