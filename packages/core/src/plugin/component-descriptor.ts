import type { ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import type { LayerSpec } from '../contracts/regularizer.js';
import type { Engine } from '../tensor/engine.js';
import type { Rng } from '../util/rng.js';
import type { Components } from './components.js';

/** The kinds of component a plugin can contribute; each has its own namespace of `type` names. */
export type ComponentKind =
  | 'backend' | 'layer' | 'model' | 'initializer' | 'loss' | 'metric' | 'optimizer' | 'schedule'
  | 'regularizer' | 'dataset' | 'callback' | 'searcher' | 'pruner' | 'storage' | 'input' | 'exporter';

export const COMPONENT_KINDS: readonly ComponentKind[] = [
  'backend', 'layer', 'model', 'initializer', 'loss', 'metric', 'optimizer', 'schedule',
  'regularizer', 'dataset', 'callback', 'searcher', 'pruner', 'storage', 'input', 'exporter',
];

/** A JSON Schema object (draft 2020-12 subset that ajv understands). */
export type JsonSchema = Record<string, unknown>;

/** What every `create` receives. */
export interface CreateContext {
  /** Spec path of the component being built, e.g. `model.layers[2]`, for error messages. */
  path: string;
  /** Builds nested components (a layer's initializer, a sequential schedule's parts) the same way. */
  components: Components;
  logger: Logger;
  /** The engine tensors are made on (absent for components that never touch tensors). */
  engine?: Engine;
  rng?: Rng;
  /** Directory of the spec file, for resolving relative paths. */
  baseDir?: string;
}

/** Extra context for datasets. */
export interface DatasetContext extends CreateContext {
  /**
   * The validation split the run wants (`data.validation_split`), when it wants one. A dataset that
   * fits preprocessing carves it out of its training data before fitting (`validationIndices`) and
   * returns it as `validation`; otherwise the run carves it from what `load` returns.
   */
  validation?: import('../run/split-validation.js').ValidationRequest;
}

/** Extra context for layers: the shape flowing in, so the layer can size itself and fail early. */
export interface LayerContext extends CreateContext {
  engine: Engine;
  rng: Rng;
  /** Shape of one input sample (no batch axis). */
  inputShape: readonly number[];
  /** Builds an initializer by spec (`'glorot_uniform'` or `{type, ...}`). */
  initializer(spec: unknown): import('../contracts/initializer.js').Initializer;
}

/** Extra context for learning-rate schedules. */
export interface ScheduleContext extends CreateContext {
  baseLr: number;
  epochs: number;
  stepsPerEpoch: number;
}

/** Extra context for architecture templates: they see the data's shapes and return plain layer specs. */
export interface ModelContext extends CreateContext {
  sampleShape: readonly number[];
  /** Output units the data needs (classes, or the target size). */
  outputs: number;
}

/**
 * What a plugin contributes: one component type of one kind. `type` is the name used in YAML;
 * `schema` is the JSON Schema of the options (every key but `type`), which the spec loader composes
 * into the spec schema; `create` builds the component from validated options (defaults filled).
 */
export interface ComponentDescriptor<T = unknown, O = any, C extends CreateContext = CreateContext> {
  readonly kind: ComponentKind;
  readonly type: string;
  readonly description: string;
  readonly schema: JsonSchema;
  create(options: O, ctx: C): T;
  /** For backends: higher is tried first when no backend is named. */
  readonly priority?: number;
  /** Name of the plugin package that registered it; filled in by `definePlugin`. */
  readonly plugin?: string;
}

/** Architecture templates expand to layer specs. */
export type ModelDescriptor<O = any> = ComponentDescriptor<LayerSpec[], O, ModelContext>;

/** The token of architecture templates (`mlp`, `cnn`, `sequential`): descriptors named by their `type`. */
export const ModelTemplate: ServiceIdentifier<ModelDescriptor> = Symbol.for('hyperspec.ModelTemplate');
