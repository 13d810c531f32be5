import type { ServiceIdentifier } from 'inversify';
import type { ModelBundle } from '../bundle/model-bundle.js';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { NamedArray } from '../run/safetensors.js';

/** A trained model as an exporter sees it: the bundle and its saved arrays, nothing else. */
export interface ExportSource {
  /** The run directory. */
  dir: string;
  bundle: ModelBundle;
  /** The saved parameters by name: `<layer>.<parameter>` and `buffer:<layer>.<buffer>` (e.g. `0.weight`). */
  arrays: Record<string, NamedArray>;
}

/**
 * Writes a trained model in another format (component kind `exporter`, type = the format name, e.g.
 * `onnx`). Called once by `hyperspec export`. A layer or preprocessing step the format cannot express
 * is a `usage` error naming the layer; files are written atomically (complete or absent).
 */
export interface Exporter {
  /** Writes the export to `out` and returns every file written. */
  export(source: ExportSource, out: string): Promise<string[]>;
}

/** The container token under which plugins bind Exporter descriptors (kind `exporter`), each named by its `type`. */
export const Exporter: ServiceIdentifier<ComponentDescriptor<Exporter>> = Symbol.for('hyperspec.Exporter');
