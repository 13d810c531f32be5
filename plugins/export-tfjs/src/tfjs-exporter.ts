import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HyperspecError, type ExportSource, type Exporter } from '@hyperspec/core';
import { atomicWriteFile, type NamedArray } from '@hyperspec/core/run';
import { preprocessingReadme } from './preprocessing-readme.js';
import { tfjsLayers, type TfjsLayer } from './tfjs-layers.js';

/** The head that turns the network's outputs into what hyperspec predict reports. */
function outputLayers(source: ExportSource): TfjsLayer[] {
  const { activation, size } = source.bundle.output;
  if (activation === 'softmax') return [{ class_name: 'Activation', config: { name: 'probabilities', activation: 'softmax' }, weights: [] }];
  if (activation === 'sigmoid' && source.bundle.task === 'classification' && size === 1) {
    // softmax([0, z]) = [1 − σ(z), σ(z)]: a fixed dense layer gives both class probabilities.
    return [{
      class_name: 'Dense',
      config: { name: 'probabilities', units: 2, activation: 'softmax', use_bias: false },
      weights: [{ name: 'probabilities/kernel', shape: [1, 2], data: Float32Array.from([0, 1]) }],
    }];
  }
  if (activation === 'sigmoid') return [{ class_name: 'Activation', config: { name: 'prediction', activation: 'sigmoid' }, weights: [] }];
  return [];
}

/** The files of a TF.js export: model.json (topology + weights manifest) and the weights, in order. */
export function tfjsModelOf(source: ExportSource): { modelJson: Record<string, unknown>; weights: Uint8Array } {
  const { bundle, arrays } = source;
  const layers = bundle.layers.flatMap((layer, i) => tfjsLayers(layer, i, (name) => {
    const a: NamedArray | undefined = arrays[`${i}.${name}`] ?? arrays[`buffer:${i}.${name}`];
    if (!a) throw new HyperspecError('data', `TF.js export: the parameters of ${source.dir} have no "${i}.${name}" for layer ${i} (${layer.type})`);
    return a;
  }));
  layers.push(...outputLayers(source));
  layers[0].config = { batch_input_shape: [null, ...bundle.input_shape], dtype: 'float32', ...layers[0].config };
  const specs = layers.flatMap((l) => l.weights);
  const bytes = new Uint8Array(specs.reduce((n, w) => n + w.data.byteLength, 0));
  let offset = 0;
  for (const w of specs) {
    bytes.set(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength), offset);
    offset += w.data.byteLength;
  }
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'hyperspec 0.1.0',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: { name: bundle.name, layers: layers.map((l) => ({ class_name: l.class_name, config: { trainable: true, ...l.config } })) },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: ['weights.bin'], weights: specs.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })) }],
    userDefinedMetadata: { labels: bundle.labels ?? null, task: bundle.task, preprocessing: 'preprocessing.json' },
  };
  return { modelJson, weights: bytes };
}

/**
 * `hyperspec export --format tfjs --out DIR`: model.json + weights.bin (a TF.js layers model taking the
 * preprocessed input), preprocessing.json (the bundle's fitted preprocessing) and README.md explaining
 * it. The directory is built under a temporary name and renamed, so it is complete or absent; an
 * existing non-empty --out is refused.
 */
export class TfjsExporter implements Exporter {
  async export(source: ExportSource, out: string): Promise<string[]> {
    if (existsSync(out) && readdirSync(out).length > 0) {
      throw new HyperspecError('usage', `${out} already exists and is not empty`, { hint: 'a TF.js export is a directory: give a new --out (or remove the old export)' });
    }
    const { modelJson, weights } = tfjsModelOf(source);
    const b = source.bundle;
    const tmp = `${out}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    atomicWriteFile(join(tmp, 'model.json'), JSON.stringify(modelJson));
    atomicWriteFile(join(tmp, 'weights.bin'), weights);
    const preprocessing = { input_shape: b.input_shape, labels: b.labels ?? null, output: b.output, preprocessing: b.preprocessing ?? null };
    atomicWriteFile(join(tmp, 'preprocessing.json'), JSON.stringify(preprocessing, null, 1) + '\n');
    atomicWriteFile(join(tmp, 'README.md'), preprocessingReadme(b));
    if (existsSync(out)) rmSync(out, { recursive: true });
    renameSync(tmp, out);
    return ['model.json', 'weights.bin', 'preprocessing.json', 'README.md'].map((f) => join(out, f));
  }
}
