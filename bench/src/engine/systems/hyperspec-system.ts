import { Rng } from '@hyperspec/core';
import { Engine, matmul, type Backend, type Tensor } from '@hyperspec/core/tensor';
import type { Mnist, MnistSplit } from '../mnist.js';
import { permutation, sgemmRepetitions, timeEpoch, type EngineSystem, type TrainResult, type TrainWorkload } from '../workloads.js';
import { BenchAdam } from './bench-adam.js';
import { BenchStep } from './bench-step.js';
import { cnn, mlp, type BenchModel } from './hyperspec-models.js';

/** Allocation counters over a number of training steps after warm-up. */
export interface AllocationCounters {
  steps: number;
  /** New backend buffers (`stats().created`) over those steps: 0 means served from the pool. */
  buffersCreated: number;
  /** Change of V8's heapUsed (after a forced GC when available), in KiB. */
  heapDeltaKb: number;
}

/**
 * hyperspec on one backend: the workloads written with core ops, trained with BenchAdam; with
 * `capture`, each step is captured once and replayed (BenchStep), else every step runs eagerly.
 */
export class HyperspecSystem implements EngineSystem {
  readonly name: string;
  private readonly engine: Engine;

  constructor(private readonly backend: Backend & { dispose?(): void }, readonly threads: string, private readonly capture = false) {
    this.name = `hyperspec-${backend.name}`;
    this.engine = new Engine(backend);
  }

  async sgemm(n: number): Promise<number> {
    const e = this.engine;
    const rng = new Rng(n);
    const fill = () => Float32Array.from({ length: n * n }, () => rng.uniform(-1, 1));
    const a = e.tensor(fill(), [n, n]).keep();
    const b = e.tensor(fill(), [n, n]).keep();
    // The product is released inside the scope (a scope's result would outlive it): each repetition
    // then reuses the pooled output buffer instead of growing the memory by a fresh one.
    const product = () => e.scope(() => {
      matmul(a, b);
    });
    product(); // warm-up (and JIT tier-up)
    let best = Infinity;
    for (let r = 0; r < sgemmRepetitions(n); r++) {
      const t0 = performance.now();
      product();
      best = Math.min(best, performance.now() - t0);
    }
    a.dispose();
    b.dispose();
    return best / 1000;
  }

  async train(w: TrainWorkload, loadData: () => Mnist): Promise<TrainResult> {
    const data = loadData();
    const e = this.engine;
    const model = w.kind === 'mlp' ? mlp(e, w.seed) : cnn(e, w.seed);
    const step = new BenchStep(e, model, new BenchAdam(e, model.params, w.lr), this.capture);
    const order = permutation(w.trainImages, seededUniform(w.seed));
    const epoch = timeEpoch(w, (start, end) => step.run(data.train, order.subarray(start, end)));
    step.dispose();
    const accuracy = epoch.extrapolatedFrom ? NaN : this.evaluate(model, data.test, w.testImages);
    for (const p of model.params) p.dispose();
    return { ...epoch, accuracy };
  }

  /**
   * Heap and buffer-pool growth over `steps` W-MLP training steps after `warmup` steps: a steady-state
   * step should create no buffers and leave no live JavaScript objects behind.
   */
  allocationCounters(w: TrainWorkload, data: Mnist, steps: number, warmup = 50): AllocationCounters {
    const e = this.engine;
    const model = mlp(e, w.seed);
    const step = new BenchStep(e, model, new BenchAdam(e, model.params, w.lr), this.capture);
    const rows = new Uint32Array(w.batch);
    const batchAt = (s: number) => {
      for (let i = 0; i < w.batch; i++) rows[i] = (s * w.batch + i) % data.train.count;
      return rows;
    };
    for (let s = 0; s < warmup; s++) step.run(data.train, batchAt(s));
    collectGarbage();
    const heap0 = process.memoryUsage().heapUsed;
    const created0 = e.backend.stats().created;
    for (let s = 0; s < steps; s++) step.run(data.train, batchAt(warmup + s));
    collectGarbage();
    const result = {
      steps,
      buffersCreated: e.backend.stats().created - created0,
      heapDeltaKb: Math.round((process.memoryUsage().heapUsed - heap0) / 1024),
    };
    step.dispose();
    for (const p of model.params) p.dispose();
    return result;
  }

  /**
   * Seconds for `steps` training steps of an MLP with these layer sizes at a fixed batch size, after
   * `warmup` untimed steps at the same shape (the scaling bench). Batches cycle through a fixed
   * permutation of the split's images.
   */
  timeMlpSteps(sizes: readonly number[], split: MnistSplit, p: { batch: number; warmup: number; steps: number; lr: number; seed: number }): number {
    const model = mlp(this.engine, p.seed, sizes);
    const step = new BenchStep(this.engine, model, new BenchAdam(this.engine, model.params, p.lr), this.capture);
    const order = permutation(split.count, seededUniform(p.seed));
    const rows = new Uint32Array(p.batch);
    const batchAt = (s: number) => {
      for (let i = 0; i < p.batch; i++) rows[i] = order[(s * p.batch + i) % split.count];
      return rows;
    };
    for (let s = 0; s < p.warmup; s++) step.run(split, batchAt(s));
    const t0 = performance.now();
    for (let s = 0; s < p.steps; s++) step.run(split, batchAt(p.warmup + s));
    const seconds = (performance.now() - t0) / 1000;
    step.dispose();
    for (const t of model.params) t.dispose();
    return seconds;
  }

  async dispose(): Promise<void> {
    this.backend.dispose?.();
  }

  private evaluate(model: BenchModel, split: MnistSplit, count: number): number {
    const e = this.engine;
    const n = Math.min(count, split.count);
    const batch = 500;
    const rows = new Uint32Array(batch);
    let correct = 0;
    e.noGrad(() => {
      for (let start = 0; start < n; start += batch) {
        const size = Math.min(batch, n - start);
        for (let i = 0; i < size; i++) rows[i] = start + i;
        correct += e.scope(() => {
          const logits = model.forward(gather(e, split, rows.subarray(0, size), model.sampleShape));
          return countCorrect(logits, split.labels, start);
        });
      }
    });
    return correct / n;
  }
}

function gather(e: Engine, split: MnistSplit, rows: ArrayLike<number>, sampleShape: number[]): Tensor {
  const x = e.empty([rows.length, ...sampleShape]);
  for (let i = 0; i < rows.length; i++) x.data.set(split.images.subarray(rows[i] * 784, rows[i] * 784 + 784), i * 784);
  return x;
}

function countCorrect(logits: Tensor, labels: Uint8Array, offset: number): number {
  const [rows, cols] = logits.shape;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (logits.data[r * cols + c] > logits.data[r * cols + best]) best = c;
    if (best === labels[offset + r]) correct++;
  }
  return correct;
}

/** A uniform [0, 1) source from the core generator, for the shuffle. */
export function seededUniform(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/** Runs a full GC when the runtime allows it (enabled through a v8 flag; the bench is its own process). */
export function collectGarbage(): void {
  try {
    const v8 = process.getBuiltinModule('node:v8') as typeof import('node:v8');
    const vm = process.getBuiltinModule('node:vm') as typeof import('node:vm');
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
  } catch {
    // No forced GC: the heap delta then includes garbage not yet collected.
  }
}
