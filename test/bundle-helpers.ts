import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { runTraining, type RunSpec } from '@hyperspec/core';
import { openSpec } from 'hyperspec';
import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs';
import { tempDir } from './cli-helpers.js';

/** Opens a spec file, lets `change` shorten it, trains it quietly into a fresh directory; returns the run dir. */
export async function trainShortened(file: string, change: (spec: RunSpec) => RunSpec = (s) => s): Promise<{ runDir: string; final: Record<string, number> }> {
  const opened = await openSpec(file);
  const spec = change(opened.spec);
  const result = await runTraining(spec, opened.container, { baseDir: opened.baseDir, runDir: join(tempDir('hs-bundle-'), 'run'), out: null });
  return { runDir: result.runDir, final: result.final };
}

/** The probability (or value) rows of a `hyperspec predict --format jsonl` output. */
export function jsonlRows(text: string): { prediction: unknown; probabilities?: Record<string, number> }[] {
  return text.trim().split('\n').map((l) => JSON.parse(l) as { prediction: unknown; probabilities?: Record<string, number> });
}

/** Runs an ONNX file on a float32 batch with onnxruntime-node; returns the single output. */
export async function runOnnx(file: string, x: Float32Array, shape: number[]): Promise<{ name: string; data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(file);
  const result = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, shape) });
  const name = session.outputNames[0];
  const out = result[name];
  return { name, data: out.data as Float32Array, dims: out.dims };
}

/**
 * Serves a TF.js export over loopback HTTP and loads it with `tf.loadLayersModel` (as a browser would),
 * then predicts `x` ([n, ...shape]).
 */
export async function runTfjs(dir: string, x: Float32Array, shape: number[]): Promise<Float32Array> {
  const server = http.createServer((req, res) => {
    try {
      res.end(readFileSync(join(dir, (req.url ?? '').replace(/^\//, ''))));
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as { port: number };
    const model = await tf.loadLayersModel(`http://127.0.0.1:${port}/model.json`);
    const input = tf.tensor(x, shape);
    const y = model.predict(input) as tf.Tensor;
    const data = (await y.data()) as Float32Array;
    tf.dispose([input, y]);
    model.dispose();
    return data;
  } finally {
    server.close();
  }
}

/** Largest absolute difference between two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
