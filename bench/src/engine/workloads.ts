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
      sgemmSizes: [32, 64],
      mlp: { kind: 'mlp', trainImages: 256, testImages: 200, batch: 64, lr: 1e-3, seed: 1 },
      cnn: { kind: 'cnn', trainImages: 128, testImages: 100, batch: 64, lr: 1e-3, seed: 1 },
      allocSteps: 20,
    }
    : {
      sgemmSizes: [128, 256, 512, 1024],
      mlp: { kind: 'mlp', trainImages: 60_000, testImages: 10_000, batch: 64, lr: 1e-3, seed: 1 },
      cnn: { kind: 'cnn', trainImages: 10_000, testImages: 10_000, batch: 64, lr: 1e-3, seed: 1 },
      allocSteps: 1000,
    };
}

/** Result of one training run: seconds for the epoch (data loading excluded) and test accuracy. */
export interface TrainResult {
  seconds: number;
  accuracy: number;
}

/** A system under test: one engine (and backend) that can run every workload. */
export interface EngineSystem {
  /** Display name, e.g. `hyperspec-wasm`, `tfjs-wasm`, `pytorch`. */
  readonly name: string;
  /** Threads it computes with, for the table. */
  readonly threads: string;
  /** Seconds for one C = A·B of n×n float32 matrices (best of a few repetitions). */
  sgemm(n: number): Promise<number>;
  train(w: TrainWorkload, data: Mnist): Promise<TrainResult>;
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

/** How many sgemm repetitions keep one measurement near a tenth of a second. */
export function sgemmRepetitions(n: number): number {
  return Math.max(2, Math.min(50, Math.round(2e8 / (2 * n ** 3))));
}
