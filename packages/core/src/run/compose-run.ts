import type { Container } from 'inversify';
import type { Callback } from '../contracts/callback.js';
import type { DataSplits, Dataset } from '../contracts/dataset.js';
import type { Loss } from '../contracts/loss.js';
import type { LrSchedule } from '../contracts/lr-schedule.js';
import type { Metric } from '../contracts/metric.js';
import type { Optimizer } from '../contracts/optimizer.js';
import type { LayerSpec, Regularizer } from '../contracts/regularizer.js';
import { ComponentsToken, EngineToken, LoggerToken } from '../container/tokens.js';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { buildModel } from '../model/build-model.js';
import type { Model } from '../model/model.js';
import type { Components } from '../plugin/components.js';
import type { Engine } from '../tensor/engine.js';
import { LearningRate } from '../train/learning-rate.js';
import type { TrainConfig } from '../train/trainer.js';
import { Rng } from '../util/rng.js';
import type { RunSpec } from './run-spec.js';
import { checkData } from './check-data.js';
import { withValidation } from './split-validation.js';

/** Everything a training run needs, built from a resolved spec: what the trainer takes, plus the data and the spec. */
export interface ComposedRun extends Omit<TrainConfig, 'startEpoch' | 'startStep' | 'logger'> {
  spec: RunSpec;
  data: DataSplits;
  engine: Engine;
  /** The callbacks the spec names (early stopping, ...); a caller adds its own after them. */
  callbacks: Callback[];
  /** The seeded shuffling stream; checkpoints save its state. */
  rng: Rng;
}

/** The number of output units the loss needs for this data. */
function outputsFor(lossType: string, loss: Loss, data: DataSplits): number {
  if (loss.targets === 'labels') {
    if (!data.classes) throw new HyperspecError('spec', `loss "${lossType}" needs class labels, but the data has continuous targets`, { location: { path: 'loss.type' }, hint: 'use mse for regression' });
    return data.classes;
  }
  if (lossType === 'binary_cross_entropy' && data.classes === 2) return 1;
  return data.targetShape.reduce((a, d) => a * d, 1);
}

function buildArchitecture(spec: RunSpec, components: Components, data: DataSplits, outputs: number, regularizers: Regularizer[], engine: Engine, rng: Rng): Model {
  const origin = new WeakMap<LayerSpec, string>();
  let layers = components.build<LayerSpec[]>('model', spec.model, 'model', { sampleShape: data.sampleShape, outputs });
  layers.forEach((l, i) => origin.set(l, spec.model.type === 'sequential' ? `model.layers[${i}]` : `model (layer ${i}: ${l.type})`));
  regularizers.forEach((r, k) => {
    if (!r.transformArchitecture) return;
    layers = r.transformArchitecture(layers);
    for (const l of layers) if (!origin.has(l)) origin.set(l, `regularization[${k}]`);
  });
  const model = buildModel(layers, { components, engine, rng, inputShape: data.sampleShape, pathOf: (l, i) => origin.get(l) ?? `layers[${i}]` });
  const out = model.outputShape;
  if (out.length !== 1 || out[0] !== outputs) {
    const last = model.layers[model.layers.length - 1];
    throw new HyperspecError('shape', `the model's output shape is [${out.join(', ')}], but loss "${spec.loss.type}" on this data needs [${outputs}]`, {
      location: { path: last?.path ?? 'model' },
      hint: `make the last layer produce ${outputs} units`,
    });
  }
  return model;
}

/** The seeded streams of a run: one seed split so that adding a layer does not change the data split. */
function runStreams(seed: number) {
  const root = new Rng(seed);
  return { dataRng: root.fork(), splitRng: root.fork(), initRng: root.fork(), rng: root.fork() };
}

/**
 * Loads a run's data exactly as its training did (the same seeded streams): the dataset's splits and
 * the validation carved from train. `hyperspec evaluate --split` uses it to score a bundle on its split.
 */
export async function loadRunData(spec: Pick<RunSpec, 'seed' | 'data'>, components: Components, options: { baseDir?: string } = {}): Promise<DataSplits> {
  const { dataRng, splitRng } = runStreams(spec.seed);
  const { validation_split: validationSplit, ...dataNode } = spec.data;
  // The dataset carves the validation split out before it fits any preprocessing (see ValidationRequest);
  // one that fits nothing leaves it to withValidation. What it returns is checked before anything is built.
  const validation = validationSplit > 0 ? { fraction: validationSplit, rng: splitRng } : undefined;
  const dataset = components.build<Dataset>('dataset', dataNode, 'data', { rng: dataRng, baseDir: options.baseDir, validation });
  return checkData(withValidation(await dataset.load(), validationSplit, splitRng), spec.data.type);
}

/**
 * The one composition: turns a resolved spec (from `validateSpec`: every default filled) into a run —
 * data, model, loss, optimizer, learning rate, metrics, regularizers and the spec's callbacks. YAML
 * (`runTraining`), `Session` and every search trial call it, so the same spec gives the same run.
 * Components are built through the run's container (its engine and logger); the seed is split into
 * independent streams, so adding a layer does not change the data split.
 */
export async function composeRun(spec: RunSpec, container: Container, options: { baseDir?: string } = {}): Promise<ComposedRun> {
  const components = container.get(ComponentsToken);
  const engine = container.get(EngineToken);
  const { initRng, rng } = runStreams(spec.seed);
  const data = await loadRunData(spec, components, options);

  const loss = components.build<Loss>('loss', spec.loss, 'loss');
  const regularizers = spec.regularization.map((r, i) => components.build<Regularizer>('regularizer', r, `regularization[${i}]`));
  const model = buildArchitecture(spec, components, data, outputsFor(spec.loss.type, loss, data), regularizers, engine, initRng);

  // The learning rate's one read: the optimizer's resolved options. The schedule shapes it per step.
  const optimizer = components.build<Optimizer>('optimizer', spec.train.optimizer, 'train.optimizer');
  const base = spec.train.optimizer.learning_rate;
  const stepsPerEpoch = Math.ceil(data.train.count / spec.train.batch_size);
  const schedule = spec.train.schedule
    ? components.build<LrSchedule>('schedule', spec.train.schedule, 'train.schedule', { baseLr: base, epochs: spec.train.epochs, stepsPerEpoch })
    : undefined;
  const metricNodes = spec.metrics.filter((m) => m.type !== 'loss');
  const metrics = () => metricNodes.map((m, i) => components.build<Metric>('metric', m, `metrics[${i}]`));
  metrics(); // build once now so a bad metric fails before training starts
  const callbacks = spec.train.callbacks.map((c, i) => components.build<Callback>('callback', c, `train.callbacks[${i}]`));
  if (spec.train.early_stopping) callbacks.push(components.build<Callback>('callback', spec.train.early_stopping, 'train.early_stopping'));
  container.get(LoggerToken).debug({ event: 'composed', parameters: model.parameterCount(), learning_rate: base }, 'run composed');
  return {
    spec, data, engine, model, loss, optimizer, metrics, regularizers, callbacks, rng,
    learningRate: new LearningRate(base, schedule),
    train: data.train, validation: data.validation, sampleShape: data.sampleShape, targetShape: data.targetShape,
    epochs: spec.train.epochs, batchSize: spec.train.batch_size, shuffle: spec.train.shuffle, gradientClip: spec.train.gradient_clip,
    captureStep: spec.train.capture_step,
  };
}
