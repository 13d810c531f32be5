import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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

/** dist/inference/measure-throughput.js (this file's sibling once built). */
const MEASURE = fileURLToPath(new URL('./measure-throughput.js', import.meta.url));

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** One run of one system in a fresh Node process (measure-throughput.ts): its samples per second. */
function runIsolated(system: 'hyperspec' | 'onnxruntime', args: string[]): number {
  const out = execFileSync(process.execPath, [MEASURE, system, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 20 });
  const result = JSON.parse(out.trim().split('\n').pop()!) as { samples_per_s?: number; error?: string };
  if (typeof result.error === 'string') throw new Error(`${system}: ${result.error}`);
  return result.samples_per_s!;
}

/**
 * hyperspec's prediction path (`LoadedModel.predictRaw`: the fitted preprocessing, then the network in
 * inference mode, then softmax — what `hyperspec predict` runs per file) against onnxruntime-node
 * running the exported ONNX model (preprocessing in its graph) on the same raw samples. Each run is its
 * own Node process, one system alone in it, each in its default configuration: in one process
 * onnxruntime's worker threads keep spinning after a run and take the cores from the next
 * hyperspec run (and hyperspec's helper thread from onnxruntime's), which measured one system's
 * leftovers against the other. The systems alternate run by run so a busy machine slows both alike.
 */
export function measureInference(name: string, runDir: string, onnxFile: string, imagesFile: string, batch: number, samples: number, repeats: number): InferenceRow {
  const args = [runDir, onnxFile, imagesFile, String(batch), String(samples)];
  const runs = { hyperspec: [] as number[], onnxruntime: [] as number[] };
  for (let r = 0; r < repeats; r++) {
    runs.hyperspec.push(runIsolated('hyperspec', args));
    runs.onnxruntime.push(runIsolated('onnxruntime', args));
  }
  const h = median(runs.hyperspec);
  const o = median(runs.onnxruntime);
  return { model: name, batch, samples, hyperspec_samples_per_s: h, onnxruntime_samples_per_s: o, ratio: o / h, runs };
}
