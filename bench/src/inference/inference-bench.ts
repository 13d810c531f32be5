import { performance } from 'node:perf_hooks';
import type { RawInputs } from '@hyperspec/core';
import type { LoadedModel } from 'hyperspec';
import * as ort from 'onnxruntime-node';

/** One measured configuration: samples per second of each system, the median of `repeats` runs. */
export interface InferenceRow {
  model: string;
  batch: number;
  samples: number;
  hyperspec_samples_per_s: number;
  onnxruntime_samples_per_s: number;
  /** onnxruntime ÷ hyperspec: how many times faster onnxruntime is (below 1: hyperspec is faster). */
  ratio: number;
  runs: { hyperspec: number[]; onnxruntime: number[] };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Samples per second of `predict` over `count` raw samples taken `batch` at a time. */
async function throughput(count: number, batch: number, predict: (start: number, n: number) => Promise<void> | void): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < count; start += batch) await predict(start, Math.min(batch, count - start));
  return count / ((performance.now() - started) / 1000);
}

/**
 * hyperspec's prediction path (`LoadedModel.predictRaw`: the fitted preprocessing, then the network in
 * inference mode, then softmax — what `hyperspec predict` runs per file) against onnxruntime-node
 * running the exported ONNX model (preprocessing in its graph) on the same raw samples, alternating
 * the two systems run by run so a busy machine slows both alike.
 */
export async function measureInference(name: string, model: LoadedModel, onnxFile: string, raw: RawInputs, batch: number, samples: number, repeats: number): Promise<InferenceRow> {
  const rawShape = model.bundle.preprocessing!.raw_shape;
  const size = rawShape.reduce((a, d) => a * d, 1);
  const session = await ort.InferenceSession.create(onnxFile, { executionMode: 'sequential' });
  const slice = (start: number, n: number) => raw.x.subarray((start % raw.count) * size, (start % raw.count + n) * size);
  const viaHyperspec = () => throughput(samples, batch, (start, n) => {
    model.predictRaw({ x: slice(start, n), count: n });
  });
  const viaOrt = () => throughput(samples, batch, async (start, n) => {
    await session.run({ input: new ort.Tensor('float32', slice(start, n), [n, ...rawShape]) });
  });
  await viaHyperspec(); // warm-up: first-use compilation and buffer pools
  await viaOrt();
  const runs = { hyperspec: [] as number[], onnxruntime: [] as number[] };
  for (let r = 0; r < repeats; r++) {
    runs.hyperspec.push(await viaHyperspec());
    runs.onnxruntime.push(await viaOrt());
  }
  await session.release();
  const h = median(runs.hyperspec);
  const o = median(runs.onnxruntime);
  return { model: name, batch, samples, hyperspec_samples_per_s: h, onnxruntime_samples_per_s: o, ratio: o / h, runs };
}
