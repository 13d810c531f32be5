import { definePlugin, type ComponentDescriptor } from '@hyperspec/core';
import type { Backend } from '@hyperspec/core/tensor';
import { WasmBackend } from './wasm-backend.js';

export { WasmBackend, MAX_THREADS, type WasmBackendOptions } from './wasm-backend.js';
export { missingFeatures, SIMULATE_MISSING_ENV } from './wasm-features.js';
export { KERNELS_WASM_URL, KERNELS_RELAXED_WASM_URL, type KernelModuleKind } from './kernel-module.js';

interface WasmOptions {
  threads?: number;
  max_memory_mb?: number;
  matmul_split_work?: number;
  relaxed_simd?: boolean;
}

const wasm: ComponentDescriptor<Backend, WasmOptions> = {
  kind: 'backend',
  type: 'wasm',
  description: 'WebAssembly SIMD kernels on shared memory, large kernels split over every core (preferred over cpu where it starts)',
  schema: {
    $id: 'hyperspec:backend/wasm',
    type: 'object',
    properties: {
      threads: { type: 'integer', minimum: 1, maximum: 64, description: 'Threads for large kernels: the main thread plus threads − 1 helper threads; 1 = main thread only. Default: every core (os.availableParallelism())' },
      max_memory_mb: { type: 'integer', minimum: 16, maximum: 4096, default: 4096, description: 'Upper bound of the WebAssembly memory in MiB (address space is reserved, memory is committed as used)' },
      matmul_split_work: { type: 'integer', minimum: 1, maximum: 2147483647, default: 262144, description: 'Matrix products with m·k·n at least this large are split across the threads' },
      relaxed_simd: { type: 'boolean', default: true, description: 'Use the relaxed-SIMD kernels (fused multiply-add) where the JavaScript engine supports them; false forces the plain SIMD kernels' },
    },
    additionalProperties: false,
  },
  priority: 10,
  // Backend selection passes {} (no defaults filled), so every option has a fallback here.
  create: (options) =>
    new WasmBackend({ threads: options.threads, maxMemoryMb: options.max_memory_mb, matmulSplitWork: options.matmul_split_work, relaxedSimd: options.relaxed_simd }),
};

export default definePlugin('@hyperspec/backend-wasm', [wasm]);
