import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '@hyperspec/core';
import { applyPreprocessing } from '@hyperspec/core/data';
import { encodeIdx } from '@hyperspec/dataset-mnist';
import { loadModel } from 'hyperspec';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, runOnnx, runTfjs, trainShortened } from './bundle-helpers.js';
import { tempDir } from './cli-helpers.js';
import { cli } from './cli-in-process.js';

const dir = tempDir('hs-layers-');
const rng = new Rng(3);

/** 8×8 images of three classes (a bright top-left, centre or bottom-right block on noise), 8-bit pixels. */
function imageFiles(count: number): { images: string; labels: string } {
  const pixels = new Uint8Array(count * 64);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % 3;
    labels[i] = k;
    const at = [0, 2, 4][k];
    for (let p = 0; p < 64; p++) {
      const y = Math.floor(p / 8);
      const x = p % 8;
      const inBlock = y >= at && y < at + 4 && x >= at && x < at + 4;
      pixels[i * 64 + p] = Math.min(255, Math.floor(rng.next() * 90) + (inBlock ? 150 : 0));
    }
  }
  const images = join(dir, 'images-idx3-ubyte');
  const labelsFile = join(dir, 'labels-idx1-ubyte');
  writeFileSync(images, encodeIdx('ubyte', [count, 8, 8], pixels));
  writeFileSync(labelsFile, encodeIdx('ubyte', [count], labels));
  return { images, labels: labelsFile };
}

/** Every layer type the exporters translate, both batch norms, every activation, in one network. */
const allLayers = (gelu: boolean) => `
name: all-layers-${gelu ? 'gelu' : 'no-gelu'}
seed: 5
data: { type: idx, images: images-idx3-ubyte, labels: labels-idx1-ubyte, validation_split: 0.2 }
model:
  type: sequential
  layers:
    - { type: conv2d, filters: 4, kernel_size: 3, stride: 2, padding: same, activation: elu }
    - { type: batch_norm }
    - { type: max_pool2d, pool_size: 2, stride: 1 }
    - { type: conv2d, filters: 5, kernel_size: 2, padding: valid, activation: leaky_relu }
    - { type: avg_pool2d, pool_size: 2 }
    - { type: conv2d, filters: 6, kernel_size: 1, activation: ${gelu ? 'gelu' : 'sigmoid'}, use_bias: false }
    - { type: flatten }
    - { type: dense, units: 10, activation: softplus }
    - { type: batch_norm }
    - { type: dropout, rate: 0.3 }
    - { type: dense, units: 9, activation: tanh }
    - { type: leaky_relu, alpha: 0.2 }
    - { type: dense, units: 8, activation: sigmoid }
    - { type: elu, alpha: ${gelu ? 0.5 : 1} }
    - { type: dense, units: 8, activation: ${gelu ? 'gelu' : 'tanh'} }
    - { type: relu }
    - { type: dense, units: 8, activation: elu }
    - { type: ${gelu ? 'gelu' : 'relu'} }
    - { type: dense, units: 8, activation: leaky_relu }
    - { type: softplus }
    - { type: dense, units: 7, activation: relu }
    - { type: sigmoid }
    - { type: dense, units: 6, activation: softmax }
    - { type: tanh }
    - { type: softmax }
    - { type: dense, units: 3, use_bias: false }
loss: cross_entropy
train: { epochs: 3, batch_size: 16, optimizer: { type: adam, learning_rate: 0.01 } }
`;

const houses = ['rooms,city,area,price,expensive'];
for (let i = 0; i < 60; i++) {
  const rooms = 1 + (i % 5);
  const city = ['paris', 'lyon', 'nice'][i % 3];
  const area = 25 + ((i * 37) % 90);
  const price = Math.round(area * (city === 'paris' ? 5 : 3) + rooms * 10 + (i % 7));
  houses.push(`${rooms},${city},${area},${price},${price > 300 ? 'yes' : 'no'}`);
}

describe('exports of every layer type, regression and a binary logit', () => {
  const images = imageFiles(150);
  const train = async (gelu: boolean) => {
    writeFileSync(join(dir, `all-layers-${gelu}.yaml`), allLayers(gelu));
    return (await trainShortened(join(dir, `all-layers-${gelu}.yaml`))).runDir;
  };

  it('a network of every layer type and activation: ONNX equals predict on raw images', async () => {
    const runDir = await train(true);
    const model = await loadModel(runDir);
    const set = await model.predictFile(images.images);
    const raw = await model.readFile(images.images);
    const onnxFile = join(dir, 'all.onnx');
    expect((await cli(['export', runDir, '--format', 'onnx', '--out', onnxFile])).code).toBe(0);
    const onnx = await runOnnx(onnxFile, raw.x, [raw.count, 1, 8, 8]);
    expect(maxAbsDiff(onnx.data, set.outputs)).toBeLessThan(1e-5);
    expect(model.bundle.layers.filter((l) => l.type === 'batch_norm')).toHaveLength(2);
    // TF.js cannot load a tanh-approximation GELU: the export says so and writes nothing.
    const refused = await cli(['export', runDir, '--format', 'tfjs', '--out', join(dir, 'gelu-tfjs')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('layer 5 (conv2d) uses gelu');
    expect(existsSync(join(dir, 'gelu-tfjs'))).toBe(false);
    model.dispose();
  });

  it('the same network without gelu (and ELU alpha 1, all TF.js has): TF.js equals predict', async () => {
    const runDir = await train(false);
    const model = await loadModel(runDir);
    const set = await model.predictFile(images.images);
    const raw = await model.readFile(images.images);
    const tfjsDir = join(dir, 'all-tfjs');
    expect((await cli(['export', runDir, '--format', 'tfjs', '--out', tfjsDir])).code).toBe(0);
    const pre = model.bundle.preprocessing!;
    const x = applyPreprocessing(pre.steps, raw.x, raw.count, 64);
    expect(maxAbsDiff(await runTfjs(tfjsDir, x, [raw.count, 1, 8, 8]), set.outputs)).toBeLessThan(1e-5);
    model.dispose();
  });

  it('regression with a categorical column: ONNX output "prediction" equals predict', async () => {
    writeFileSync(join(dir, 'houses.csv'), houses.join('\n') + '\n');
    writeFileSync(join(dir, 'houses.yaml'), [
      'name: houses', 'seed: 2',
      'data: { type: csv, path: houses.csv, target: price, features: [rooms, city, area], categorical: [city], task: regression, validation_split: 0.2 }',
      'model: { type: mlp, hidden_layers: 1, units: 8, activation: relu }', 'loss: mse', 'metrics: [mae, rmse, r2]',
      'train: { epochs: 30, batch_size: 8, optimizer: { type: adam, learning_rate: 0.05 } }',
    ].join('\n'));
    const { runDir } = await trainShortened(join(dir, 'houses.yaml'));
    const input = join(dir, 'houses.csv');
    const out = await cli(['predict', runDir, input]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('prediction');
    const predicted = Float32Array.from(lines.slice(1), Number);
    const model = await loadModel(runDir);
    const raw = await model.readFile(input);
    const onnxFile = join(dir, 'houses.onnx');
    expect((await cli(['export', runDir, '--format', 'onnx', '--out', onnxFile])).code).toBe(0);
    const onnx = await runOnnx(onnxFile, raw.x, [raw.count, 3]);
    expect(onnx.name).toBe('prediction');
    // Prices are in the hundreds: 1e-5 relative.
    for (let i = 0; i < predicted.length; i++) expect(Math.abs(onnx.data[i] - predicted[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(predicted[i])));
    const evaluation = await cli(['evaluate', runDir, '--data', input]);
    expect(evaluation.code).toBe(0);
    expect(evaluation.stdout).toMatch(/MAE +\d/);
    model.dispose();
  });

  it('a binary model with one logit (binary_cross_entropy): probabilities [1 − σ, σ] in predict, ONNX and TF.js', async () => {
    writeFileSync(join(dir, 'expensive.yaml'), [
      'name: expensive', 'seed: 4',
      'data: { type: csv, path: houses.csv, target: expensive, features: [rooms, city, area], categorical: [city], standardize: false, normalize: true, validation_split: 0.2 }',
      'model: { type: mlp, hidden_layers: 1, units: 8, activation: tanh }', 'loss: binary_cross_entropy', 'metrics: [accuracy, auc, f1]',
      'train: { epochs: 30, batch_size: 8, optimizer: { type: adam, learning_rate: 0.05 } }',
    ].join('\n'));
    const { runDir } = await trainShortened(join(dir, 'expensive.yaml'));
    const input = join(dir, 'houses.csv');
    const model = await loadModel(runDir);
    expect(model.labels).toEqual(['no', 'yes']);
    const set = await model.predictFile(input);
    for (let i = 0; i < set.count; i++) expect(set.outputs[2 * i] + set.outputs[2 * i + 1]).toBeCloseTo(1, 6);
    const raw = await model.readFile(input);
    const onnxFile = join(dir, 'expensive.onnx');
    expect((await cli(['export', runDir, '--format', 'onnx', '--out', onnxFile])).code).toBe(0);
    expect(maxAbsDiff((await runOnnx(onnxFile, raw.x, [raw.count, 3])).data, set.outputs)).toBeLessThan(1e-5);
    const tfjsDir = join(dir, 'expensive-tfjs');
    expect((await cli(['export', runDir, '--format', 'tfjs', '--out', tfjsDir])).code).toBe(0);
    const pre = model.bundle.preprocessing!;
    const x = applyPreprocessing(pre.steps, raw.x, raw.count, 3);
    expect(maxAbsDiff(await runTfjs(tfjsDir, x, [raw.count, model.bundle.input_shape[0]]), set.outputs)).toBeLessThan(1e-5);
    model.dispose();
  });
});
