import { softmaxCrossEntropy, type CapturedStep, type Engine, type Tensor } from '@hyperspec/core/tensor';
import type { MnistSplit } from '../mnist.js';
import type { BenchAdam } from './bench-adam.js';
import type { BenchModel } from './hyperspec-models.js';

/** The recorded step and its input tensors, refilled before every replay. */
interface Recorded {
  step: CapturedStep;
  batch: number;
  x: Tensor;
  y: Tensor;
}

/**
 * One training step of a bench model written with core's public engine API, as a user's own loop
 * would write it: forward, softmax cross-entropy, backward, then BenchAdam. With `capture`,
 * the first batch runs inside `engine.capture` — the public API core's trainer uses for
 * `train.capture_step` — and every later batch of that size copies its samples into the recorded
 * inputs and replays the recorded kernel calls (no tensor objects or tape): the same kernels on the same
 * buffers, so the same bits as the eager step (core's captured-step test). A batch of another size
 * (an epoch's short last batch) runs eagerly. The optimizer step stays outside the recording, as in
 * the trainer. Eager by default: on this shared 2-core machine the capture's effect on a W-MLP or W-CNN
 * step was within the noise of in-process A/B runs (same build, eager vs captured: W-MLP 1.02× and
 * 0.93×, W-CNN 1.03×), and a lever that is not shown to pay stays off (`measure.js ... --capture`).
 */
export class BenchStep {
  private recorded: Recorded | null = null;

  constructor(private readonly engine: Engine, private readonly model: BenchModel, private readonly adam: BenchAdam, private readonly capture = false) {}

  /** Trains on the samples `rows` of `split`. */
  run(split: MnistSplit, rows: ArrayLike<number>): void {
    const r = this.recorded;
    if (r && r.batch === rows.length) {
      fillBatch(split, rows, r.x.data, r.y.data);
      r.step.replay();
    } else if (!r && this.capture) {
      const { result, step } = this.engine.capture(() => this.forwardBackward(split, rows));
      if (step.notReplayable) throw new Error(`the bench's ${this.model.sampleShape.length === 1 ? 'MLP' : 'CNN'} step is not replayable: ${step.notReplayable}`);
      this.recorded = { step, batch: rows.length, ...result };
    } else {
      this.engine.scope(() => void this.forwardBackward(split, rows));
    }
    this.adam.step();
  }

  /** Releases the recording's buffers (call before disposing the model's parameters). */
  dispose(): void {
    this.recorded?.step.dispose();
    this.recorded = null;
  }

  private forwardBackward(split: MnistSplit, rows: ArrayLike<number>): { x: Tensor; y: Tensor } {
    const e = this.engine;
    const x = e.empty([rows.length, ...this.model.sampleShape]);
    const y = e.empty([rows.length]);
    fillBatch(split, rows, x.data, y.data);
    e.backward(softmaxCrossEntropy(this.model.forward(x), y));
    return { x, y };
  }
}

/** Copies the images (784 floats each) and labels of `rows` into x and y. */
export function fillBatch(split: MnistSplit, rows: ArrayLike<number>, x: Float32Array, y: Float32Array): void {
  for (let i = 0; i < rows.length; i++) {
    x.set(split.images.subarray(rows[i] * 784, rows[i] * 784 + 784), i * 784);
    y[i] = split.labels[rows[i]];
  }
}
