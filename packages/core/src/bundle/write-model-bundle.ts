import { isAbsolute, join, resolve } from 'node:path';
import type { DataSplits } from '../contracts/dataset.js';
import type { Loss } from '../contracts/loss.js';
import type { Model } from '../model/model.js';
import type { RunSpec } from '../run/run-spec.js';
import { atomicWriteFile } from '../util/atomic-write.js';
import { MODEL_FILE, MODEL_FORMAT, MODEL_FORMAT_VERSION, PARAMETERS_FILE, type BundleParameters, type ModelBundle } from './model-bundle.js';

export interface BundleSource {
  spec: RunSpec;
  data: DataSplits;
  model: Model;
  loss: Loss;
  parameters: Omit<BundleParameters, 'file'>;
  /** Directory of the spec file: relative plugin paths are stored absolute, so a copied bundle finds them. */
  baseDir?: string;
}

/** The model.json of a finished run. */
export function modelBundleOf(o: BundleSource): ModelBundle {
  const size = o.model.outputShape.reduce((a, d) => a * d, 1);
  const activation = o.loss.prediction ?? 'identity';
  const classes = o.data.classes;
  const classification = classes !== undefined && (activation === 'softmax' || (activation === 'sigmoid' && size === 1 && classes === 2));
  const bundle: ModelBundle = {
    format: MODEL_FORMAT,
    format_version: MODEL_FORMAT_VERSION,
    name: o.spec.name,
    created: new Date().toISOString(),
    task: classification ? 'classification' : 'regression',
    output: { activation, size },
    input_shape: [...o.model.inputShape],
    layers: o.model.layers.map((l) => ({ type: l.type, options: l.options, path: l.path, output_shape: [...l.layer.outputShape] })),
    parameters: { file: PARAMETERS_FILE, ...o.parameters },
    plugins: (o.spec.plugins ?? []).map((p) => (p.startsWith('.') || isAbsolute(p) ? resolve(o.baseDir ?? process.cwd(), p) : p)),
    spec: o.spec as unknown as Record<string, unknown>,
  };
  if (classification) bundle.labels = o.data.classNames ?? Array.from({ length: classes! }, (_, k) => String(k));
  if (o.data.preprocessing) bundle.preprocessing = o.data.preprocessing;
  if (o.baseDir) bundle.base_dir = resolve(o.baseDir);
  return bundle;
}

/** Writes `<dir>/model.json` atomically (after the parameters file it names). */
export function writeModelBundle(dir: string, bundle: ModelBundle): void {
  atomicWriteFile(join(dir, MODEL_FILE), JSON.stringify(bundle, null, 1) + '\n');
}
