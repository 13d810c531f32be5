import { CpuBackend } from '@hyperspec/backend-cpu';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { HyperspecSystem } from './systems/hyperspec-system.js';
import { loadTfjsBackends, TfjsSystem } from './systems/tfjs-system.js';
import type { EngineSystem } from './workloads.js';

/** The JavaScript systems by name, with the threads each computes on. */
export const JS_SYSTEMS = [
  { name: 'hyperspec-wasm', threads: '2' },
  { name: 'hyperspec-cpu', threads: '1' },
  { name: 'tfjs-cpu', threads: '1' },
  // tfjs-backend-wasm in Node runs its SIMD build on one thread (its multithreading is off in Node).
  { name: 'tfjs-wasm', threads: '1' },
] as const;

/**
 * Builds one JavaScript system in this process; throws with the reason when it cannot run here.
 * `capture`: the hyperspec systems capture their training step once and replay it (BenchStep).
 */
export async function createSystem(name: string, capture = false): Promise<EngineSystem> {
  switch (name) {
    case 'hyperspec-wasm':
      return new HyperspecSystem(new WasmBackend({ threads: 2 }), '2', capture);
    case 'hyperspec-cpu':
      return new HyperspecSystem(new CpuBackend(), '1', capture);
    case 'tfjs-cpu':
    case 'tfjs-wasm': {
      const backend = name === 'tfjs-cpu' ? 'cpu' : 'wasm';
      if (!(await loadTfjsBackends()).includes(backend)) throw new Error(`TensorFlow.js backend ${backend} did not initialise`);
      return new TfjsSystem(backend);
    }
    default:
      throw new Error(`unknown system ${name}`);
  }
}
