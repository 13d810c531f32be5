import type { Mnist } from './mnist.js';

/** The engine workloads of the issue, with the sizes for a full run and for `--smoke`. */
export interface TrainWorkload {
  kind: 'mlp' | 'cnn';
  /** Training images used for the one epoch (the first N of the training set). */
  trainImages: number;
  testImages: number;
  batch: number;
  lr: number;
  seed: number;
  /**
   * Seconds a training run may take; a system still going then stops, and its epoch time is
   * extrapolated from the steps done (accuracy is then not measured). Keeps hours-long runs
   * (tfjs-backend-cpu's convolution gradients) from stalling the bench.
   */
  budgetSeconds: number;
}

export interface Workloads {
  sgemmSizes: number[];
  mlp: TrainWorkload;
  cnn: TrainWorkload;
  /** Steps measured by the allocation counters after warm-up. */
  allocSteps: number;
}

export function workloads(smoke: boolean): Workloads {
  return smoke
    ? {
      sgemmSizes: [48],
      mlp: { kind: 'mlp', trainImages: 128, testImages: 100, batch: 64, lr: 1e-3, seed: 1, budgetSeconds: 20 },
      // tfjs-backend-cpu needs seconds per image for a convolution gradient: a 2-image batch keeps it short.
      cnn: { kind: 'cnn', trainImages: 2, testImages: 20, batch: 2, lr: 1e-3, seed: 1, budgetSeconds: 5 },
      allocSteps: 10,
    }
    : {
      sgemmSizes: [128, 256, 512, 1024],
      mlp: { kind: 'mlp', trainImages: 60_000, testImages: 10_000, batch: 64, lr: 1e-3, seed: 1, budgetSeconds: 120 },
      cnn: { kind: 'cnn', trainImages: 10_000, testImages: 10_000, batch: 64, lr: 1e-3, seed: 1, budgetSeconds: 120 },
      allocSteps: 1000,
    };
}

/** Result of one training run: seconds for the epoch (data loading excluded) and test accuracy. */
export interface TrainResult {
  seconds: number;
  /** NaN when the run was stopped by its budget. */
  accuracy: number;
  /** Set when the epoch was cut short by the budget and `seconds` is extrapolated. */
  extrapolatedFrom?: { steps: number; of: number };
  /** Epochs the run trained when it trained more than one (hyperspec-train); accuracy is after all of them. */
  epochs?: number;
  /** The first epoch's time when `seconds` is the mean of the later ones. */
  firstEpochSeconds?: number;
  /**
   * Peak resident memory of the whole measuring process (MiB: the kernel's maxrss), data loading and
   * runtime included — what a user's process would need for the epoch.
   */
  peakRssMb?: number;
}

/**
 * Runs `step(start, end)` over the epoch's batches within the workload's budget; returns the epoch
 * time, extrapolated from the steps done when the budget ran out.
 */
export function timeEpoch(w: TrainWorkload, step: (start: number, end: number) => void): { seconds: number; extrapolatedFrom?: { steps: number; of: number } } {
  const total = Math.ceil(w.trainImages / w.batch);
  const t0 = performance.now();
  let done = 0;
  for (let start = 0; start < w.trainImages; start += w.batch) {
    step(start, Math.min(start + w.batch, w.trainImages));
    done++;
    const elapsed = (performance.now() - t0) / 1000;
    if (done < total && elapsed > w.budgetSeconds) return { seconds: (elapsed / done) * total, extrapolatedFrom: { steps: done, of: total } };
  }
  return { seconds: (performance.now() - t0) / 1000 };
}

/** A system under test: one engine (and backend) that can run every workload. */
export interface EngineSystem {
  /** Display name, e.g. `hyperspec-wasm`, `tfjs-wasm`, `pytorch`. */
  readonly name: string;
  /** Threads it computes with, for the table. */
  readonly threads: string;
  /** Seconds for one C = A·B of n×n float32 matrices (best of a few repetitions); absent for whole-program systems. */
  sgemm?(n: number): Promise<number>;
  /** `data` loads MNIST on first call (systems that read it in another process never call it). */
  train(w: TrainWorkload, data: () => Mnist): Promise<TrainResult>;
  dispose(): Promise<void>;
}

/** Fixed-seed permutation of [0, n) (Fisher–Yates over a small LCG-free generator). */
export function permutation(n: number, next: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** Repetitions of one sgemm measurement (its best is kept): about 0.3 GFLOP of work, 3 to 50 products. */
export function sgemmRepetitions(n: number): number {
  // At least 10: a fresh process's first few products run slow (page faults, threads and caches
  // warming), so a best of 3 measured start-up more than the steady state. Every system gets the same count.
  return Math.max(10, Math.min(50, Math.round(3e8 / (2 * n ** 3))));
}
