import { ComponentsToken, composeRun, createRunContainer, finalMetrics, runTraining, Trainer, type Callback, type Components, type ComponentSpec, type ComposedRun, type ContainerOptions, type RunOptions, type RunResult, type RunSpec, type TrainResult } from '@hyperspec/core';
import { validateSpec } from '@hyperspec/core/spec';
import type { Container, ContainerModule } from 'inversify';
import { createDefaultContainer } from './default-container.js';

export interface SessionOptions extends ContainerOptions {
  /** Plugins besides the default bundle: your own components (`definePlugin`) go in here. */
  plugins?: readonly ContainerModule[];
}

/**
 * A spec written as an object: the same keys, component nodes and defaults as a YAML spec
 * (`data`, `model`, `loss` required; `train`, `metrics`, `regularization`, `seed`, ... optional).
 */
export interface SpecObject {
  name?: string;
  seed?: number;
  backend?: string;
  data: ComponentSpec;
  model: ComponentSpec;
  loss: ComponentSpec;
  metrics?: ComponentSpec[];
  train?: {
    epochs?: number;
    batch_size?: number;
    shuffle?: boolean;
    optimizer?: ComponentSpec;
    schedule?: ComponentSpec;
    early_stopping?: Record<string, unknown>;
    callbacks?: ComponentSpec[];
    gradient_clip?: { norm?: number; value?: number };
    checkpoint_every?: number;
    capture_step?: boolean;
  };
  regularization?: ComponentSpec[];
  [key: string]: unknown;
}

export interface FitResult extends TrainResult {
  /** Last epoch's metrics, plus `test_*` when the data has a test split. */
  final: Record<string, number>;
  /** The composed run: the trained model, the data, the resolved spec. */
  run: ComposedRun;
}

/**
 * The programmatic path, a thin typed front over the same composition as YAML: a spec object is
 * validated by `validateSpec` (so it gets exactly the defaults a YAML spec gets) and composed by
 * `composeRun`; `fit` trains in memory, `train` writes a run directory like `hyperspec train`.
 */
export class Session {
  readonly container: Container;
  readonly components: Components;

  constructor(options: SessionOptions = {}) {
    this.container = createDefaultContainer(options.plugins ?? [], options);
    this.components = this.container.get(ComponentsToken);
  }

  /** Validates a spec object as the spec loader validates YAML: every default filled, every problem reported with its path. */
  resolve(spec: SpecObject): RunSpec {
    return validateSpec({ data: spec }, this.components) as unknown as RunSpec;
  }

  /** Data, model, loss, optimizer, learning rate, metrics, regularizers and callbacks of a spec, ready to train. */
  async compose(spec: SpecObject): Promise<ComposedRun> {
    return composeRun(this.resolve(spec), createRunContainer(this.container));
  }

  /** Trains in memory (no files) with the spec's callbacks and yours; returns every epoch's metrics and the trained run. */
  async fit(spec: SpecObject, options: { callbacks?: Callback[] } = {}): Promise<FitResult> {
    const run = await this.compose(spec);
    const result = await new Trainer().fit({ ...run, callbacks: [...run.callbacks, ...(options.callbacks ?? [])] });
    return { ...result, final: finalMetrics(run, result.history), run };
  }

  /** Trains and writes a run directory, exactly as `hyperspec train` does. */
  async train(spec: SpecObject, options: RunOptions = {}): Promise<RunResult> {
    return runTraining(this.resolve(spec), this.container, options);
  }
}
