import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os, { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraining, type RunSpec } from '@hyperspec/core';
import { encodeIdx, mnistFiles, parseIdx } from '@hyperspec/dataset-mnist';
import { exportModel, openSpec } from 'hyperspec';
import { benchArgs, positiveInt } from '../bench-args.js';
import { repoRoot as root, saveResults } from '../bench-results.js';
import { measureInference, type InferenceRow } from './inference-bench.js';

// `pnpm bench:inference` (node bench/dist/inference/run.js [--repeats 5] [--out file.json]): trains the MNIST MLP and CNN example specs
// briefly (throughput does not depend on how well they learned), exports each to ONNX, and measures
// prediction throughput at batch 1 and 256 side by side with onnxruntime-node. Raw results go to
// bench/results/inference.json (--out: elsewhere, the docs untouched).

const USAGE = 'usage: node bench/dist/inference/run.js [--repeats 5] [--out file.json]';
const { values } = benchArgs(USAGE, { repeats: { type: 'string' }, out: { type: 'string' } });
const repeats = positiveInt(USAGE, 'repeats', values.repeats, 5);
const work = mkdtempSync(join(tmpdir(), 'hs-inference-'));

async function trained(file: string): Promise<string> {
  const opened = await openSpec(join(root, 'examples', file));
  const spec: RunSpec = { ...opened.spec, data: { ...opened.spec.data, train_limit: 2000, test_limit: 0 }, train: { ...opened.spec.train, epochs: 1 } };
  const result = await runTraining(spec, opened.container, { baseDir: opened.baseDir, runDir: join(work, file.replace('.yaml', '')), out: null });
  return result.runDir;
}

const images = parseIdx(readFileSync(mnistFiles().testImages), 'mnist', { limit: 1024 });
const imagesFile = join(work, 'images-idx3-ubyte');
// Recorded because the packed dense forward skips all-zero steps of its input (see the report's note).
let zeroPixels = 0;
for (const v of images.data) if (v === 0) zeroPixels++;
const inputZeroShare = zeroPixels / images.data.length;
writeFileSync(imagesFile, encodeIdx('ubyte', images.dims, images.data));

const rows: InferenceRow[] = [];
for (const [name, file] of [['MNIST MLP', 'mnist-mlp.yaml'], ['MNIST CNN', 'mnist-cnn.yaml']] as const) {
  const runDir = await trained(file);
  const onnxFile = join(work, `${file}.onnx`);
  await exportModel(runDir, { format: 'onnx', out: onnxFile });
  for (const batch of [1, 256]) {
    const samples = batch === 1 ? (name === 'MNIST CNN' ? 200 : 1000) : 1024 * (name === 'MNIST CNN' ? 2 : 8);
    const row = measureInference(name, runDir, onnxFile, imagesFile, batch, samples, repeats);
    rows.push(row);
    process.stderr.write(`${name} batch ${batch}: hyperspec ${row.hyperspec_samples_per_s.toFixed(0)} samples/s, onnxruntime ${row.onnxruntime_samples_per_s.toFixed(0)} samples/s (onnxruntime ${row.ratio.toFixed(2)}×)\n`);
  }
}

saveResults('inference.json', {
  bench: 'inference',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  repeats,
  inputZeroShare: Number(inputZeroShare.toFixed(4)),
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  note: 'samples/s are medians of the runs; ratio = onnxruntime / hyperspec (goal at batch 256: at most 2)',
  rows,
}, { out: values.out });
