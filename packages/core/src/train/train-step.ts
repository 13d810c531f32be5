import type { Logger } from 'pino';
import type { ArraySplit } from '../contracts/dataset.js';
import type { Parameter } from '../contracts/layer.js';
import type { Loss } from '../contracts/loss.js';
import type { Metric } from '../contracts/metric.js';
import type { Regularizer } from '../contracts/regularizer.js';
import type { Model } from '../model/model.js';
import type { CapturedStep } from '../tensor/captured-step.js';
import type { Engine } from '../tensor/engine.js';
import { add } from '../tensor/ops/elementwise.js';
import type { Tensor } from '../tensor/tensor.js';
import { fillBatch, gatherBatch } from './batcher.js';

export interface TrainStepOptions {
  engine: Engine;
  model: Model;
  loss: Loss;
  /** Regularizers whose penalty is added to the loss. */
  penalties: readonly Regularizer[];
  params: readonly Parameter[];
  sampleShape: readonly number[];
  targetShape: readonly number[];
  /** Record the first batch's step and replay it for the later batches of that size (when every component allows it). */
  capture: boolean;
  logger?: Logger;
}

/** The recorded step and the tensors it owns: inputs to refill, outputs to read. */
interface Captured {
  step: CapturedStep;
  batch: number;
  x: Tensor;
  y: Tensor;
  out: Tensor;
  loss: Tensor;
}

/**
 * One training step's forward, loss (+ penalties) and backward on a batch, accumulating into the
 * parameters' gradients; the trainer calls `run` for every batch and `dispose` when training ends.
 *
 * With capture on and every layer, the loss and every penalty declaring `capturable`, the first batch
 * runs eagerly while `engine.capture` records its kernel calls, and every later batch of the same size
 * copies its samples into the recorded input buffers and replays the recording — no tensor objects,
 * tape or op bookkeeping, the same kernels on the same buffers in the same order, so the same bits as
 * the eager step. A batch of another size (an epoch's last, smaller one) runs eagerly; the recording
 * is kept for the next epoch. Metrics are updated outside the recording, from the step's output.
 */
export class TrainStep {
  /** Why steps are not captured (null when they are). */
  private notCaptured: string | null;
  private captured: Captured | null = null;

  constructor(private readonly o: TrainStepOptions) {
    this.notCaptured = o.capture ? uncapturable(o) : 'capture is off';
    if (o.capture && this.notCaptured) o.logger?.debug({ event: 'step_not_captured', reason: this.notCaptured }, 'training steps run eagerly');
  }

  /** Runs the step on the samples `order[start, end)` of `split`, updates `metrics`, returns the data loss. */
  run(split: ArraySplit, order: Int32Array, start: number, end: number, metrics: readonly Metric[]): number {
    const { engine } = this.o;
    const size = end - start;
    const c = this.captured;
    if (c && c.batch === size) {
      fillBatch(c.x.data, c.y.data, split, order, start, end);
      c.step.replay();
      return this.report(c.out, c.y, c.loss, metrics);
    }
    if (!c && this.notCaptured === null) {
      const { result, step } = engine.capture(() => {
        const { x, y } = gatherBatch(engine, split, this.o.sampleShape, this.o.targetShape, order, start, end);
        return { x, y, ...this.forwardBackward(x, y) };
      });
      const value = this.report(result.out, result.y, result.loss, metrics);
      if (step.notReplayable) {
        this.notCaptured = step.notReplayable;
        step.dispose();
        this.o.logger?.debug({ event: 'step_not_captured', reason: this.notCaptured }, 'training steps run eagerly');
      } else {
        this.captured = { step, batch: size, ...result };
        this.o.logger?.debug({ event: 'step_captured', batch: size, calls: step.length, bytes: step.bytes }, 'training step captured');
      }
      return value;
    }
    return engine.scope(() => {
      const { x, y } = gatherBatch(engine, split, this.o.sampleShape, this.o.targetShape, order, start, end);
      const { out, loss } = this.forwardBackward(x, y);
      return this.report(out, y, loss, metrics);
    });
  }

  /** Releases the recording's buffers; called once when training ends. */
  dispose(): void {
    this.captured?.step.dispose();
    this.captured = null;
  }

  private forwardBackward(x: Tensor, y: Tensor): { out: Tensor; loss: Tensor } {
    const { engine, model, loss, penalties, params } = this.o;
    const out = model.forward(x, { training: true });
    const dataLoss = loss.compute(out, y);
    let total = dataLoss;
    for (const r of penalties) {
      const p = r.penalty!(params);
      if (p) total = add(total, p);
    }
    engine.backward(total);
    return { out, loss: dataLoss };
  }

  private report(out: Tensor, y: Tensor, loss: Tensor, metrics: readonly Metric[]): number {
    const { engine } = this.o;
    const value = loss.item();
    engine.scope(() => engine.noGrad(() => {
      for (const m of metrics) m.update(out, y, value);
    }));
    return value;
  }
}

/** The first component that does not declare `capturable`, as a reason; null when all do. */
function uncapturable(o: TrainStepOptions): string | null {
  const layer = o.model.layers.find((l) => l.layer.capturable !== true);
  if (layer) return `layer "${layer.type}" at ${layer.path} is not capturable`;
  if (o.loss.capturable !== true) return 'the loss is not capturable';
  if (o.penalties.some((r) => r.capturable !== true)) return 'a regularizer penalty is not capturable';
  return null;
}
