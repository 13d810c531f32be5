import type { Backend, Kernels } from '@hyperspec/core/tensor';
import { HyperspecError } from '@hyperspec/core';
import { HelperThread } from './helper-thread.js';
import { compileKernelModule, instantiateKernels } from './kernel-module.js';
import { WasmBufferPool } from './wasm-buffer-pool.js';
import { missingFeatures } from './wasm-features.js';
import { WasmHeap } from './wasm-heap.js';
import { createWasmKernels } from './wasm-kernels.js';

const PAGE_BYTES = 65536;

export interface WasmBackendOptions {
  /** 1 = main thread only; 2 = large kernels are split with a helper thread. */
  threads?: 1 | 2;
  /** Upper bound of the wasm memory in MiB (reserved address space, committed as used). */
  maxMemoryMb?: number;
  /** m·k·n from which a matmul is split across threads. */
  matmulSplitWork?: number;
  /** Floats from which elementwise kernels, im2col / col2im, max pooling and Adam are split across threads. */
  elementSplitWork?: number;
  /** Features to treat as missing (`simd`, `threads`, `shared-memory`): for testing the fallback. */
  simulateMissing?: readonly string[];
}

/**
 * Tensor backend on WebAssembly SIMD kernels (assembly/) over one shared memory. Buffers are
 * Float32Array views into that memory, recycled by size; large kernels run on two threads.
 * The constructor throws a HyperspecError naming what is missing when the engine cannot run it,
 * so backend selection falls back to the next backend.
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm';
  readonly kernels: Kernels;
  readonly fused: Backend['fused'];
  readonly threads: number;
  private readonly pool: WasmBufferPool;
  private readonly helper: HelperThread | null;
  private readonly heap: WasmHeap;

  constructor(options: WasmBackendOptions = {}) {
    const missing = missingFeatures(options.simulateMissing);
    if (missing.length) {
      throw new HyperspecError('plugin', `backend wasm cannot start: ${missing.join('; ')}`, { hint: 'use backend cpu (the reference kernels run everywhere)' });
    }
    const module = compileKernelModule();
    const maxPages = Math.min(65536, Math.ceil(((options.maxMemoryMb ?? 4096) * 2 ** 20) / PAGE_BYTES));
    const memory = new WebAssembly.Memory({ initial: 64, maximum: maxPages, shared: true });
    const wasm = instantiateKernels(module, memory);
    this.heap = new WasmHeap(memory, wasm.heapBase());
    const scratchFloats = wasm.SCRATCH_FLOATS.value as number;
    const scratch = this.heap.floats(scratchFloats).byteOffset;
    this.threads = options.threads ?? 2;
    this.helper = this.threads > 1 ? new HelperThread(module, this.heap, scratchFloats, (control, gen) => wasm.runChunks(control, scratch, gen)) : null;
    this.helper?.startSoon();
    this.pool = new WasmBufferPool(this.heap);
    ({ kernels: this.kernels, fused: this.fused } = createWasmKernels(wasm, this.heap, this.helper, scratch, {
      matmulSplitWork: options.matmulSplitWork ?? 64 * 64 * 64,
      elementSplitWork: options.elementSplitWork ?? 1 << 16,
    }));
  }

  /** Returns a pooled view of `size` floats in the wasm memory (contents unspecified). */
  alloc(size: number): Float32Array {
    return this.pool.alloc(size);
  }

  /** Returns a buffer to the pool; called by the engine when a tensor is disposed. */
  release(buffer: Float32Array): void {
    this.pool.release(buffer);
  }

  stats(): { live: number; created: number; pooled: number } {
    return this.pool.stats();
  }

  /** Bytes of wasm memory handed out so far (buffers, scratch), for benches. */
  get memoryBytes(): number {
    return this.heap.usedBytes;
  }

  /** Stops the helper thread; the backend keeps working on one thread afterwards. */
  dispose(): void {
    this.helper?.dispose();
  }
}
