import type { Logger } from 'pino';
import type { Callback } from '../contracts/callback.js';
import type { ArraySplit } from '../contracts/dataset.js';
import type { Loss } from '../contracts/loss.js';
import type { Metric } from '../contracts/metric.js';
import type { Parameter } from '../contracts/layer.js';
import type { Optimizer, ParameterSlot } from '../contracts/optimizer.js';
import type { Regularizer } from '../contracts/regularizer.js';
import type { Model } from '../model/model.js';
import type { Engine } from '../tensor/engine.js';
import type { Rng } from '../util/rng.js';
import { fillBuffer } from '../tensor/accumulating-kernels.js';
import { clipGradNorm, clipGradValue } from './clip-gradients.js';
import { divergenceError } from './diagnose-divergence.js';
import { evaluate } from './evaluate.js';
import type { LearningRate } from './learning-rate.js';
import { TrainStep } from './train-step.js';

export interface TrainConfig {
  engine: Engine;
  model: Model;
  loss: Loss;
  optimizer: Optimizer;
  /** The rate of every step (the optimizer's `learning_rate`, shaped by the schedule). */
  learningRate: LearningRate;
  /** Makes a fresh set of metric objects (training and validation each get their own). */
  metrics: () => Metric[];
  train: ArraySplit;
  validation?: ArraySplit;
  sampleShape: readonly number[];
  targetShape: readonly number[];
  epochs: number;
  batchSize: number;
  shuffle?: boolean;
  rng: Rng;
  regularizers?: readonly Regularizer[];
  gradientClip?: { norm?: number; value?: number };
  callbacks?: readonly Callback[];
  logger?: Logger;
  /** First epoch to run (a resumed run starts after its checkpoint). */
  startEpoch?: number;
  /** Global step count at the start (for per-step schedules on resume). */
  startStep?: number;
  /**
   * Record the first training step's kernel calls and replay them for every later batch of the same
   * size, bit for bit what the eager step computes (default true; see `TrainStep`). Steps run eagerly
   * when a layer, the loss or a penalty is not `capturable`.
   */
  captureStep?: boolean;
}

export interface TrainResult {
  /** Metrics per epoch: `loss`, `accuracy`, ..., and `val_*` when there is validation data. */
  history: Record<string, number>[];
  stopped: boolean;
  reason?: string;
  steps: number;
}

/**
 * Mini-batch gradient descent: per epoch, shuffle (seeded), then for every batch forward, loss
 * (+ regularizer penalties), backward (a `TrainStep`: eager, or a captured step replayed), clip,
 * optimizer step; then validation metrics and callbacks.
 */
export class Trainer {
  async fit(c: TrainConfig): Promise<TrainResult> {
    const params = c.model.parameters();
    const penalties = (c.regularizers ?? []).filter((r) => r.penalty);
    const trainStep = new TrainStep({
      engine: c.engine, model: c.model, loss: c.loss, penalties, params, sampleShape: c.sampleShape, targetShape: c.targetShape,
      capture: c.captureStep ?? true, logger: c.logger,
    });
    try {
      return await this.epochs(c, params, trainStep);
    } finally {
      trainStep.dispose();
    }
  }

  private async epochs(c: TrainConfig, params: Parameter[], trainStep: TrainStep): Promise<TrainResult> {
    const { engine, model, loss, optimizer } = c;
    const slots: ParameterSlot[] = params.map((p) => ({ name: p.name, value: p.value.data, grad: p.value.grad!.data }));
    const trainMetrics = c.metrics();
    const valMetrics = c.metrics();
    const batches = Math.ceil(c.train.count / c.batchSize);
    const order = new Int32Array(c.train.count);
    const history: TrainResult['history'] = [];
    let step = c.startStep ?? 0;
    for (const cb of c.callbacks ?? []) cb.onTrainBegin?.({ epochs: c.epochs, batchesPerEpoch: batches, samples: c.train.count });

    for (let epoch = c.startEpoch ?? 0; epoch < c.epochs; epoch++) {
      const started = performance.now();
      for (let i = 0; i < order.length; i++) order[i] = i;
      if (c.shuffle ?? true) c.rng.shuffle(order);
      for (const m of trainMetrics) m.reset();
      let lossSum = 0;
      let lr = c.learningRate.at(epoch, step);

      for (let b = 0; b < batches; b++) {
        const start = b * c.batchSize;
        const end = Math.min(start + c.batchSize, c.train.count);
        lr = c.learningRate.at(epoch, step);
        for (const s of slots) fillBuffer(engine.backend, s.grad, 0);
        const batchLoss = trainStep.run(c.train, order, start, end, trainMetrics);
        if (!Number.isFinite(batchLoss)) {
          const sampleSize = c.sampleShape.reduce((a, d) => a * d, 1);
          throw divergenceError({ loss: batchLoss, epoch: epoch + 1, batch: b + 1, lr, train: c.train, sampleSize, samples: order.subarray(start, end), params });
        }
        if (c.gradientClip?.value !== undefined) clipGradValue(slots, c.gradientClip.value);
        if (c.gradientClip?.norm !== undefined) clipGradNorm(slots, c.gradientClip.norm);
        optimizer.step(slots, lr);
        for (const r of c.regularizers ?? []) r.afterStep?.(params, lr);
        step++;
        lossSum += batchLoss * (end - start);
        for (const cb of c.callbacks ?? []) cb.onBatchEnd?.({ epoch, batch: b, batches, loss: batchLoss, lr });
      }

      const metrics: Record<string, number> = { loss: lossSum / c.train.count };
      for (const m of trainMetrics) if (m.name !== 'loss') metrics[m.name] = m.result();
      if (c.validation && c.validation.count > 0) {
        const val = evaluate(c.validation, { engine, model, loss, metrics: valMetrics, sampleShape: c.sampleShape, targetShape: c.targetShape, batchSize: Math.max(c.batchSize, 256) });
        for (const [k, v] of Object.entries(val)) metrics[`val_${k}`] = v;
      }
      metrics.lr = lr;
      history.push(metrics);
      c.learningRate.schedule?.observe?.(metrics);
      const seconds = (performance.now() - started) / 1000;
      c.logger?.info({ event: 'epoch', epoch: epoch + 1, ...metrics, seconds }, `epoch ${epoch + 1}/${c.epochs}`);
      let stop = false;
      for (const cb of c.callbacks ?? []) {
        if ((await cb.onEpochEnd?.({ epoch, epochs: c.epochs, metrics, seconds })) === 'stop') stop = true;
      }
      if (stop) {
        const reason = `stopped by a callback after epoch ${epoch + 1}`;
        for (const cb of c.callbacks ?? []) cb.onTrainEnd?.({ epochs: epoch + 1, stopped: true, reason });
        return { history, stopped: true, reason, steps: step };
      }
    }
    for (const cb of c.callbacks ?? []) cb.onTrainEnd?.({ epochs: c.epochs, stopped: false });
    return { history, stopped: false, steps: step };
  }
}
