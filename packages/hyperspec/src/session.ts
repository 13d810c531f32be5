import {
  ComponentRegistryToken, EngineToken, Logger, Rng, Trainer, buildModel, createComponent, evaluate, withValidation,
  type Callback, type ComponentRegistry, type ComponentSpec, type ContainerOptions, type DataSplits, type Dataset, type Engine,
  type LayerSpec, type Loss, type LrSchedule, type Metric, type Model, type Optimizer, type Regularizer, type TrainResult,
} from '@hyperspec/core';
import type { ContainerModule } from 'inversify';
import { createDefaultContainer } from './default-container.js';

export interface SessionOptions extends ContainerOptions {
  /** Plugins besides the default bundle. */
  plugins?: readonly ContainerModule[];
  /** Seed of every random stream the session hands out (init, splits, shuffling). */
  seed?: number;
}

/** Anything a spec can name by `{ type, ...options }`, or an object you built yourself. */
export type Part<T> = ComponentSpec | T;

export interface FitOptions {
  model: Model;
  data: DataSplits;
  loss: Part<Loss>;
  optimizer: Part<Optimizer>;
  /** Needed when `optimizer` is an object you built; otherwise read from its `learning_rate`. */
  learningRate?: number;
  schedule?: Part<LrSchedule>;
  metrics?: ComponentSpec[];
  regularizers?: Part<Regularizer>[];
  epochs: number;
  batchSize: number;
  gradientClip?: { norm?: number; value?: number };
  callbacks?: Callback[];
}

function isSpec(x: unknown): x is ComponentSpec {
  return typeof x === 'string' || (typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string');
}

/**
 * The programmatic path: the same components as a YAML spec, composed in code. Each part can be
 * given as a spec node (validated exactly like YAML) or as an object you made yourself.
 */
export class Session {
  readonly registry: ComponentRegistry;
  readonly engine: Engine;
  readonly logger: Logger;
  private readonly rng: Rng;

  constructor(options: SessionOptions = {}) {
    const container = createDefaultContainer(options.plugins ?? [], options);
    this.registry = container.get(ComponentRegistryToken);
    this.engine = container.get(EngineToken);
    this.logger = container.get(Logger);
    this.rng = new Rng(options.seed ?? 0);
  }

  private env() {
    return { registry: this.registry, engine: this.engine, logger: this.logger };
  }

  private part<T>(kind: 'loss' | 'optimizer' | 'schedule' | 'regularizer', value: Part<T>, path: string, extra: Record<string, unknown> = {}): T {
    return isSpec(value) ? createComponent<T>(this.env(), kind, value, path, extra) : (value as T);
  }

  /** Loads a dataset and carves a seeded validation split out of its training data. */
  async data(spec: ComponentSpec, options: { validationSplit?: number } = {}): Promise<DataSplits> {
    const dataset = createComponent<Dataset>(this.env(), 'dataset', spec, 'data', { rng: this.rng.fork() });
    return withValidation(await dataset.load(), options.validationSplit ?? 0, this.rng.fork());
  }

  /** Builds a model from an architecture template (`mlp`, `cnn`, `sequential`) or a list of layer specs. */
  model(spec: ComponentSpec | LayerSpec[], data: DataSplits, outputs = data.classes ?? data.targetShape.reduce((a, d) => a * d, 1)): Model {
    const layers = Array.isArray(spec) ? spec : createComponent<LayerSpec[]>(this.env(), 'model', spec, 'model', { sampleShape: data.sampleShape, outputs });
    return buildModel(layers, { ...this.env(), rng: this.rng.fork(), inputShape: data.sampleShape });
  }

  /** Trains with mini-batch gradient descent; returns the metrics of every epoch. */
  async fit(o: FitOptions): Promise<TrainResult> {
    const loss = this.part<Loss>('loss', o.loss, 'loss');
    const optimizer = this.part<Optimizer>('optimizer', o.optimizer, 'optimizer');
    const baseLr = o.learningRate ?? (isSpec(o.optimizer) && typeof o.optimizer === 'object' ? Number(o.optimizer.learning_rate ?? 0.01) : 0.01);
    const stepsPerEpoch = Math.ceil(o.data.train.count / o.batchSize);
    const schedule = o.schedule ? this.part<LrSchedule>('schedule', o.schedule, 'schedule', { baseLr, epochs: o.epochs, stepsPerEpoch }) : undefined;
    const metrics = () => (o.metrics ?? []).map((m, i) => createComponent<Metric>(this.env(), 'metric', m, `metrics[${i}]`));
    return new Trainer().fit({
      engine: this.engine, model: o.model, loss, optimizer, baseLr, schedule, metrics,
      train: o.data.train, validation: o.data.validation, sampleShape: o.data.sampleShape, targetShape: o.data.targetShape,
      epochs: o.epochs, batchSize: o.batchSize, rng: this.rng.fork(),
      regularizers: (o.regularizers ?? []).map((r, i) => this.part<Regularizer>('regularizer', r, `regularizers[${i}]`)),
      gradientClip: o.gradientClip, callbacks: o.callbacks, logger: this.logger,
    });
  }

  /** Loss and metrics on a split (the test set by default) in inference mode. */
  evaluate(model: Model, data: DataSplits, loss: Part<Loss>, metrics: ComponentSpec[] = [], split: 'test' | 'validation' | 'train' = 'test'): Record<string, number> {
    const s = data[split];
    if (!s) throw new Error(`the data has no ${split} split`);
    return evaluate(s, {
      engine: this.engine, model, loss: this.part<Loss>('loss', loss, 'loss'),
      metrics: metrics.map((m, i) => createComponent<Metric>(this.env(), 'metric', m, `metrics[${i}]`)),
      sampleShape: data.sampleShape, targetShape: data.targetShape,
    });
  }
}
