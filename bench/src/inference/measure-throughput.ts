// One inference measurement in its own process (see inference-bench.ts):
//   node dist/inference/measure-throughput.js hyperspec|onnxruntime RUN_DIR ONNX_FILE IMAGES_FILE BATCH SAMPLES
// Prints one JSON line {"samples_per_s": …}; a failure prints {"error": "…"} for the parent to report.
import { performance } from 'node:perf_hooks';
import { loadModel } from 'hyperspec';
import * as ort from 'onnxruntime-node';

/** Samples per second of `predict` over `count` samples taken `batch` at a time. */
async function throughput(count: number, batch: number, predict: (start: number, n: number) => Promise<void> | void): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < count; start += batch) await predict(start, Math.min(batch, count - start));
  return count / ((performance.now() - started) / 1000);
}

async function measure([system, runDir, onnxFile, imagesFile, batchArg, samplesArg]: string[]): Promise<number> {
  const batch = Number(batchArg);
  const samples = Number(samplesArg);
  const model = await loadModel(runDir);
  try {
    // The same raw samples for both systems: the bundle's reader decodes the IDX file.
    const raw = await model.readFile(imagesFile);
    const rawShape = model.bundle.preprocessing!.raw_shape;
    const size = rawShape.reduce((a, d) => a * d, 1);
    const slice = (start: number, n: number) => raw.x.subarray((start % raw.count) * size, (start % raw.count + n) * size);
    let run: () => Promise<number>;
    if (system === 'hyperspec') {
      run = () => throughput(samples, batch, (start, n) => {
        model.predictRaw({ x: slice(start, n), count: n });
      });
    } else if (system === 'onnxruntime') {
      const session = await ort.InferenceSession.create(onnxFile, { executionMode: 'sequential' });
      run = () => throughput(samples, batch, async (start, n) => {
        await session.run({ input: new ort.Tensor('float32', slice(start, n), [n, ...rawShape]) });
      });
    } else throw new Error(`unknown system ${system}`);
    await run(); // warm-up: first-use compilation, buffer pools, thread start
    return await run();
  } finally {
    model.dispose();
  }
}

measure(process.argv.slice(2)).then(
  (samplesPerS) => console.log(JSON.stringify({ samples_per_s: samplesPerS })),
  (e: unknown) => console.log(JSON.stringify({ error: e instanceof Error ? e.message.split('\n')[0] : String(e) })),
);
