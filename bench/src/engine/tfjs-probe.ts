import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { loadTfjsBackends } from './systems/tfjs-system.js';

/** The TensorFlow.js the bench measured: its version and what its wasm backend found in this Node. */
export interface TfjsProbe {
  version: string;
  backends: string[];
  /** tfjs-backend-wasm picks its SIMD build when this is true. */
  wasmSimd: boolean;
  /** ...and its threaded build when this is true as well (false in Node: no cross-origin-isolated workers). */
  wasmThreads: boolean;
}

export async function probeTfjs(): Promise<TfjsProbe> {
  const require = createRequire(import.meta.url);
  const { version } = require('@tensorflow/tfjs-core/package.json') as { version: string };
  const backends = await loadTfjsBackends();
  return {
    version,
    backends,
    wasmSimd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') as boolean,
    wasmThreads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT') as boolean,
  };
}
