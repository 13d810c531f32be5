import type { Preprocessing } from '../data/preprocessing.js';

/** The `format` value of every model.json. */
export const MODEL_FORMAT = 'hyperspec-model';

/**
 * The format version this code writes and reads. Bump it when model.json changes incompatibly and add a
 * migration from the previous version to `migrateModelBundle` (an older bundle then still loads).
 */
export const MODEL_FORMAT_VERSION = 1;

/** How a model's outputs become predictions. */
export type OutputActivation = 'softmax' | 'sigmoid' | 'identity';

/** One layer as a bundle records it: enough to rebuild it from its plugin. */
export interface BundleLayer {
  type: string;
  /** Validated options with defaults filled. */
  options: Record<string, unknown>;
  /** Where it came from in the spec, e.g. `model (layer 0: dense)`. */
  path?: string;
  output_shape: number[];
}

/** Which parameters the bundle holds. */
export interface BundleParameters {
  /** The safetensors file in the run directory. */
  file: string;
  /** The epoch (1-based) the parameters come from (0: untrained). */
  epoch: number;
  /** Epochs the run trained. */
  epochs: number;
  selected: 'last' | 'best';
  /** With `best`: the metric that chose the epoch and its value there. */
  monitor?: string;
  value?: number;
}

/**
 * `model.json`: what a run directory holds so its trained model can be used without the training
 * data or the network. Documented in docs/model-bundle.md; its JSON Schema is
 * `packages/core/schemas/model.schema.json`, checked on load.
 */
export interface ModelBundle {
  format: typeof MODEL_FORMAT;
  format_version: number;
  name: string;
  /** ISO 8601, UTC. */
  created: string;
  task: 'classification' | 'regression';
  /** Classification: class k is `labels[k]`. */
  labels?: string[];
  output: { activation: OutputActivation; size: number };
  /** One model input (after preprocessing), no batch axis. */
  input_shape: number[];
  /** Absent when the dataset gave none: the model then predicts on prepared samples only. */
  preprocessing?: Preprocessing;
  layers: BundleLayer[];
  parameters: BundleParameters;
  /** Plugins besides the default bundle (package names, or absolute paths). */
  plugins: string[];
  /** The resolved spec of the run. */
  spec: Record<string, unknown>;
  /** Directory relative paths in `spec` are resolved against (the spec file's); absent for specs built in code. */
  base_dir?: string;
}

/** Files of a model bundle inside a run directory. */
export const MODEL_FILE = 'model.json';
export const PARAMETERS_FILE = 'parameters.safetensors';
