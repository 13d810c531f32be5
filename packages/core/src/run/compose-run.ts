import type { Logger } from 'pino';
import type { DataSplits, Dataset } from '../contracts/dataset.js';
import type { Loss } from '../contracts/loss.js';
import type { LrSchedule } from '../contracts/lr-schedule.js';
import type { Metric } from '../contracts/metric.js';
import type { Optimizer } from '../contracts/optimizer.js';
import type { LayerSpec, Regularizer } from '../contracts/regularizer.js';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { buildModel } from '../model/build-model.js';
import type { Model } from '../model/model.js';
import type { ComponentKind, CreateContext } from '../plugin/component-descriptor.js';
import { resolveComponent, type ComponentSpec } from '../plugin/component-options.js';
import type { ComponentRegistry } from '../plugin/component-registry.js';
import type { Engine } from '../tensor/engine.js';
import { Rng } from '../util/rng.js';
import type { RunSpec } from './run-spec.js';
import { withValidation } from './split-validation.js';

export interface ComposeEnv {
  registry: ComponentRegistry;
  engine: Engine;
  logger: Logger;
  /** Directory of the spec file, for relative data paths. */
  baseDir?: string;
}

/** Everything a training run needs, built from a resolved spec. */
export interface ComposedRun {
  data: DataSplits;
  model: Model;
  loss: Loss;
  optimizer: Optimizer;
  baseLr: number;
  schedule?: LrSchedule;
  metrics: () => Metric[];
  regularizers: Regularizer[];
  /** Seeded streams: shuffling during training. */
  trainRng: Rng;
}

/** Builds one component of `kind` from its spec node (validated, defaults filled). */
export function createComponent<T>(env: ComposeEnv, kind: ComponentKind, spec: ComponentSpec, path: string, extra: Partial<CreateContext> & Record<string, unknown> = {}): T {
  const { descriptor, options } = resolveComponent<T>(env.registry, kind, spec, path);
  return descriptor.create(options, { path, registry: env.registry, logger: env.logger, engine: env.engine, baseDir: env.baseDir, ...extra } as CreateContext) as T;
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

export async function composeRun(spec: RunSpec, env: ComposeEnv): Promise<ComposedRun> {
  // One seed, split into independent streams so adding a layer does not change the data split.
  const root = new Rng(spec.seed);
  const dataRng = root.fork();
  const splitRng = root.fork();
  const initRng = root.fork();
  const trainRng = root.fork();

  const { validation_split: validationSplit = 0, ...dataNode } = spec.data;
  const dataset = createComponent<Dataset>(env, 'dataset', dataNode as ComponentSpec, 'data', { rng: dataRng });
  const data = withValidation(await dataset.load(), validationSplit, splitRng);

  const loss = createComponent<Loss>(env, 'loss', spec.loss, 'loss');
  const outputs = outputsFor(spec.loss.type, loss, data);
  const regularizers = spec.regularization.map((r, i) => createComponent<Regularizer>(env, 'regularizer', r, `regularization[${i}]`));

  const origin = new WeakMap<LayerSpec, string>();
  let layers = createComponent<LayerSpec[]>(env, 'model', spec.model, 'model', { sampleShape: data.sampleShape, outputs });
  layers.forEach((l, i) => origin.set(l, spec.model.type === 'sequential' ? `model.layers[${i}]` : `model (layer ${i}: ${l.type})`));
  spec.regularization.forEach((_, k) => {
    const r = regularizers[k];
    if (!r.transformArchitecture) return;
    layers = r.transformArchitecture(layers);
    for (const l of layers) if (!origin.has(l)) origin.set(l, `regularization[${k}]`);
  });
  const model = buildModel(layers, {
    registry: env.registry,
    engine: env.engine,
    rng: initRng,
    logger: env.logger,
    inputShape: data.sampleShape,
    pathOf: (l, i) => origin.get(l) ?? `layers[${i}]`,
  });
  const out = model.outputShape;
  if (out.length !== 1 || out[0] !== outputs) {
    const last = model.layers[model.layers.length - 1];
    throw new HyperspecError('shape', `the model's output shape is [${out.join(', ')}], but loss "${spec.loss.type}" on this data needs [${outputs}]`, {
      location: { path: last?.path ?? 'model' },
      hint: `make the last layer produce ${outputs} units`,
    });
  }

  const optimizer = createComponent<Optimizer>(env, 'optimizer', spec.train.optimizer, 'train.optimizer');
  const resolvedOptimizer = resolveComponent(env.registry, 'optimizer', spec.train.optimizer, 'train.optimizer').options;
  const baseLr = Number(resolvedOptimizer.learning_rate ?? 0.01);
  const stepsPerEpoch = Math.ceil(data.train.count / spec.train.batch_size);
  const schedule = spec.train.schedule
    ? createComponent<LrSchedule>(env, 'schedule', spec.train.schedule, 'train.schedule', { baseLr, epochs: spec.train.epochs, stepsPerEpoch })
    : undefined;
  const metricSpecs = spec.metrics.map((m) => (typeof m === 'string' ? { type: m } : m)).filter((m) => m.type !== 'loss');
  const metrics = () => metricSpecs.map((m, i) => createComponent<Metric>(env, 'metric', m, `metrics[${i}]`));
  metrics(); // build once now so a bad metric fails before training starts
  return { data, model, loss, optimizer, baseLr, schedule, metrics, regularizers, trainRng };
}
