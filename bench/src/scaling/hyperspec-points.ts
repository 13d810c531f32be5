import { WasmBackend } from '@hyperspec/backend-wasm';
import { loadMnist } from '../engine/mnist.js';
import { HyperspecSystem } from '../engine/systems/hyperspec-system.js';
import { mlpSizes, type ScalingPoint } from './sweeps.js';

/** What one pass over the points measured: the threads used and the seconds of each point's timed steps. */
export interface PointTimes {
  threads: number;
  seconds: number[];
}

/**
 * hyperspec-wasm on the engine path (core ops, BenchAdam; backend-wasm with its default threads, every
 * core) over the points, in order, in this process.
 */
export async function hyperspecPoints(points: readonly ScalingPoint[], trainImages: number, lr: number, seed: number): Promise<PointTimes> {
  const data = loadMnist(trainImages, 0);
  const backend = new WasmBackend();
  const system = new HyperspecSystem(backend, String(backend.threads));
  try {
    return { threads: backend.threads, seconds: points.map((p) => system.timeMlpSteps(mlpSizes(p.hidden), data.train, { ...p, lr, seed })) };
  } finally {
    await system.dispose();
  }
}
