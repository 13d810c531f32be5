import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSpec } from '@hyperspec/core';
import { applyPreprocessing } from '@hyperspec/core/data';
import { encodeIdx, mnistFiles, parseIdx } from '@hyperspec/dataset-mnist';
import { corpusEntries, readMessages } from '@hyperspec/dataset-spam';
import { loadModel } from 'hyperspec';
import { describe, expect, it } from 'vitest';
import { jsonlRows, maxAbsDiff, runOnnx, runTfjs, trainShortened } from './bundle-helpers.js';
import { tempDir } from './cli-helpers.js';
import { cli } from './cli-in-process.js';
import { repoRoot } from './repo-paths.js';

const examples = join(repoRoot, 'examples');
const work = tempDir('hs-parity-');

/** The first 1,000 MNIST test images as an IDX file: raw 8-bit pixels, as a user would give them. */
function mnistInput(): string {
  const images = parseIdx(readFileSync(mnistFiles().testImages), 'mnist', { limit: 1000 });
  const file = join(work, 'mnist-1000-idx3-ubyte');
  writeFileSync(file, encodeIdx('ubyte', images.dims, images.data));
  return file;
}

/** 1,000 whole messages of the corpus as JSON lines (the training run used only 500 of the 6,046). */
async function spamInput(): Promise<string> {
  const texts = await readMessages((await corpusEntries()).slice(0, 1000));
  const file = join(work, 'spam-1000.jsonl');
  writeFileSync(file, texts.map((t) => JSON.stringify(t)).join('\n') + '\n');
  return file;
}

const epochs = (n: number) => (s: RunSpec): RunSpec => ({ ...s, train: { ...s.train, epochs: n } });
const mnist = (s: RunSpec): RunSpec => ({ ...epochs(1)(s), data: { ...s.data, train_limit: 300, test_limit: 100 } });

interface Case {
  name: string;
  spec: string;
  change: (s: RunSpec) => RunSpec;
  input: () => Promise<string> | string;
  samples: number;
  /** TF.js's pure-JavaScript CPU backend takes about a minute for 1,000 images through the CNN: it checks the first ones. */
  tfjsSamples?: number;
}

const cases: Case[] = [
  { name: 'iris', spec: 'iris.yaml', change: epochs(20), input: () => join(examples, 'data/iris.csv'), samples: 150 },
  { name: 'iris-csv', spec: 'iris-csv.yaml', change: epochs(20), input: () => join(examples, 'data/iris.csv'), samples: 150 },
  { name: 'spam', spec: 'spam.yaml', change: (s) => ({ ...epochs(4)(s), data: { ...s.data, limit: 500 } }), input: spamInput, samples: 1000 },
  { name: 'mnist-mlp', spec: 'mnist-mlp.yaml', change: mnist, input: mnistInput, samples: 1000 },
  { name: 'mnist-cnn', spec: 'mnist-cnn.yaml', change: mnist, input: mnistInput, samples: 1000, tfjsSamples: 200 },
];

describe('ONNX and TF.js exports give hyperspec predict\'s probabilities on raw inputs', () => {
  for (const c of cases) {
    it(`${c.name}: onnxruntime-node (${c.samples} raw inputs) and TF.js (${c.tfjsSamples ?? c.samples}) within 1e-5 of predict`, async () => {
      const { runDir } = await trainShortened(join(examples, c.spec), c.change);
      const input = await c.input();
      const predicted = await cli(['predict', runDir, input, '--format', 'jsonl']);
      expect(predicted.stderr).toBe('');
      expect(predicted.code).toBe(0);
      const rows = jsonlRows(predicted.stdout);
      expect(rows.length).toBe(c.samples);
      const model = await loadModel(runDir);
      const labels = model.labels!;
      const expected = Float32Array.from(rows.flatMap((r) => labels.map((l) => r.probabilities![l])));

      const onnxFile = join(work, `${c.name}.onnx`);
      expect((await cli(['export', runDir, '--format', 'onnx', '--out', onnxFile])).code).toBe(0);
      // The ONNX model takes the raw values the model's input reader reads (pixels 0–255, cm, term counts).
      const raw = await model.readFile(input);
      const pre = model.bundle.preprocessing!;
      const onnx = await runOnnx(onnxFile, raw.x, [raw.count, ...pre.raw_shape]);
      expect(onnx.name).toBe('probabilities');
      expect(onnx.dims).toEqual([c.samples, labels.length]);
      expect(maxAbsDiff(onnx.data, expected)).toBeLessThan(1e-5);

      const tfjsDir = join(work, `${c.name}-tfjs`);
      expect((await cli(['export', runDir, '--format', 'tfjs', '--out', tfjsDir])).code).toBe(0);
      // The TF.js model takes the preprocessed input, computed as preprocessing.json documents.
      const n = c.tfjsSamples ?? raw.count;
      const rawSize = pre.raw_shape.reduce((a, d) => a * d, 1);
      const x = applyPreprocessing(pre.steps, raw.x.subarray(0, n * rawSize), n, rawSize);
      const viaTfjs = await runTfjs(tfjsDir, x, [n, ...model.bundle.input_shape]);
      expect(maxAbsDiff(viaTfjs, expected.subarray(0, n * labels.length))).toBeLessThan(1e-5);
      // Predictions are not all one class: the shortened training learned something.
      expect(new Set(rows.map((r) => r.prediction)).size).toBeGreaterThan(1);
      model.dispose();
    });
  }
});
