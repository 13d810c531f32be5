import type { Backend, Conv2dForward, Conv2dInputGrad, Conv2dMaxPoolForward, Conv2dProduct, Conv2dWeightGrad, DenseChainForward, DenseForward, Kernels } from '@hyperspec/core/tensor';
import { HyperspecError } from '@hyperspec/core';
import { availableParallelism } from 'node:os';
import { HelperThreads, MAX_TASK_CHUNKS } from './helper-threads.js';
import { compileKernelModule, instantiateKernels, type KernelModuleKind } from './kernel-module.js';
import { ConvForward } from './conv-forward.js';
import { ConvWeightGrad } from './conv-weight-grad.js';
import { WinogradWeightGrad } from './winograd-weight-grad.js';
import { PackedDense } from './packed-dense.js';
import { maxPoolForward } from './pool-forward.js';
import { reluMaxPool } from './relu-max-pool.js';
import { WasmBufferPool } from './wasm-buffer-pool.js';
import { missingFeatures, relaxedSimdAvailable } from './wasm-features.js';
import { WasmHeap } from './wasm-heap.js';
import { createWasmKernels } from './wasm-kernels.js';

const PAGE_BYTES = 65536;
/** Most threads: a task has at most MAX_TASK_CHUNKS chunks, so more threads could not all get one. */
export const MAX_THREADS = MAX_TASK_CHUNKS;

export interface WasmBackendOptions {
  /**
   * Threads that compute large kernels: the main thread and threads − 1 helper threads. Default: every
   * core (`os.availableParallelism()`); 1 = main thread only. At most MAX_THREADS.
   */
  threads?: number;
  /** Upper bound of the wasm memory in MiB (reserved address space, committed as used). */
  maxMemoryMb?: number;
  /** m·k·n from which a matmul is split across threads. */
  matmulSplitWork?: number;
  /** Floats from which elementwise kernels, im2col / col2im, max pooling and Adam are split across threads. */
  elementSplitWork?: number;
  /**
   * Use the relaxed-SIMD kernel module (multiply-adds as FMA) where the engine compiles it (default
   * true); false always uses the plain SIMD module.
   */
  relaxedSimd?: boolean;
  /** Features to treat as missing (`simd`, `threads`, `shared-memory`, `relaxed-simd`): for testing the fallbacks. */
  simulateMissing?: readonly string[];
  /**
   * Compute 3×3 stride-1 weight gradients over more than one channel by Winograd's F(3×3, 2×2)
   * (src/winograd-weight-grad.ts) instead of the direct product. Default true: the kernel alone is
   * ~0.8× the direct one on W-CNN's second layer, and a W-CNN epoch was faster with it in 9 of 13
   * interleaved rounds on a quiet machine (plugins/backend-wasm/README.md). false keeps the direct
   * kernel (A/B benches, tests of that kernel).
   */
  winogradWeightGrad?: boolean;
}

/**
 * Tensor backend on WebAssembly SIMD kernels (assembly/) over one shared memory. Buffers are
 * Float32Array views into that memory, recycled by size; large kernels run on every core.
 * The constructor throws a HyperspecError naming what is missing when the engine cannot run it,
 * so backend selection falls back to the next backend.
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm';
  readonly kernels: Kernels;
  readonly fused: Backend['fused'];
  readonly threads: number;
  /** Which build of the kernels runs: `relaxed-simd` (FMA) or `simd`. */
  readonly kernelModule: KernelModuleKind;
  private readonly pool: WasmBufferPool;
  private readonly helper: HelperThreads | null;
  private readonly heap: WasmHeap;
  private readonly packedDense: PackedDense;
  private readonly convForward: ConvForward;

  constructor(options: WasmBackendOptions = {}) {
    const missing = missingFeatures(options.simulateMissing);
    if (missing.length) {
      throw new HyperspecError('plugin', `backend wasm cannot start: ${missing.join('; ')}`, { hint: 'use backend cpu (the reference kernels run everywhere)' });
    }
    this.kernelModule = options.relaxedSimd !== false && relaxedSimdAvailable(options.simulateMissing) ? 'relaxed-simd' : 'simd';
    const module = compileKernelModule(this.kernelModule);
    const maxPages = Math.min(65536, Math.ceil(((options.maxMemoryMb ?? 4096) * 2 ** 20) / PAGE_BYTES));
    const memory = new WebAssembly.Memory({ initial: 64, maximum: maxPages, shared: true });
    const wasm = instantiateKernels(module, memory);
    this.heap = new WasmHeap(memory, wasm.heapBase());
    const scratchFloats = wasm.SCRATCH_FLOATS.value as number;
    const scratch = this.heap.floats(scratchFloats).byteOffset;
    this.threads = Math.max(1, Math.min(MAX_THREADS, Math.floor(options.threads ?? availableParallelism())));
    this.helper = this.threads > 1
      ? new HelperThreads(module, this.heap, scratchFloats, this.threads - 1, (control, gen) => wasm.runChunks(control, scratch, gen))
      : null;
    this.helper?.startSoon();
    this.pool = new WasmBufferPool(this.heap);
    const matmulSplitWork = options.matmulSplitWork ?? 64 * 64 * 64;
    const elementSplitWork = options.elementSplitWork ?? 1 << 16;
    const made = createWasmKernels(wasm, this.heap, this.helper, scratch, { matmulSplitWork, elementSplitWork });
    this.kernels = made.kernels;
    const packed = (this.packedDense = new PackedDense(wasm, this.heap, this.pool, this.helper, scratch, matmulSplitWork));
    const denseForward = made.fused!.dense_forward as DenseForward;
    // Frozen weights (a loaded model's) are packed once and kept: see PackedDense.
    const denseFrozen: DenseForward = (x, w, bias, out, m, k, n, activation, frozen) => {
      if (!(frozen && packed.run(x, w, bias, out, m, k, n, activation === 'relu'))) denseForward(x, w, bias, out, m, k, n, activation);
    };
    const denseChain: DenseChainForward = (x, steps, outs, m) => packed.runChain(x, steps, outs, m);
    const conv = (this.convForward = new ConvForward(wasm, this.heap, this.pool, this.helper, scratch));
    const convForward: Conv2dForward = (x, w, bias, out, g, outChannels, activation, frozen) => conv.run(x, w, bias, out, g, outChannels, activation === 'relu', null, frozen === true);
    const convMaxPoolForward: Conv2dMaxPoolForward = (x, w, bias, out, g, outChannels, activation, pool, frozen) =>
      conv.run(x, w, bias, out, g, outChannels, activation === 'relu', pool, frozen === true);
    const convProduct: Conv2dProduct = (x, w, bias, out, g, outChannels) => conv.product(x, w, bias, out, g, outChannels);
    const convInputGrad: Conv2dInputGrad = (dy, w, dx, g, outChannels) => conv.inputGrad(dy, w, dx, g, outChannels);
    this.fused = {
      ...made.fused, dense_forward: denseFrozen, dense_chain_forward: denseChain, conv2d_forward: convForward, conv2d_max_pool_forward: convMaxPoolForward,
      conv2d_product: convProduct, conv2d_input_grad: convInputGrad,
      max_pool2d_forward: maxPoolForward(wasm, this.heap, this.helper, elementSplitWork),
    };
    const reluPool = reluMaxPool(wasm, this.heap, this.helper, elementSplitWork);
    this.fused = { ...this.fused, relu_max_pool2d: reluPool.forward, relu_max_pool2d_grad: reluPool.backward };
    const weightGrad = new ConvWeightGrad(wasm, this.heap, this.pool, this.helper, scratch);
    const winogradGrad = options.winogradWeightGrad !== false ? new WinogradWeightGrad(wasm, this.heap, this.pool, this.helper, scratch) : null;
    const convWeightGrad: Conv2dWeightGrad = (x, dy, dw, g, outChannels) =>
      (winogradGrad !== null && winogradGrad.run(x, dy, dw, g, outChannels)) || weightGrad.run(x, dy, dw, g, outChannels);
    this.fused = { ...this.fused, conv2d_weight_grad: convWeightGrad };
  }

  /** Returns a pooled view of `size` floats in the wasm memory (contents unspecified). */
  alloc(size: number): Float32Array {
    return this.pool.alloc(size);
  }

  /** Returns a buffer to the pool; called by the engine when a tensor is disposed. */
  release(buffer: Float32Array): void {
    this.packedDense.forget(buffer);
    this.convForward.forget(buffer);
    this.pool.release(buffer);
  }

  stats(): { live: number; created: number; pooled: number } {
    return this.pool.stats();
  }

  /** Bytes of wasm memory handed out so far (buffers, scratch), for benches. */
  get memoryBytes(): number {
    return this.heap.usedBytes;
  }

  /** Stops the helper threads; the backend keeps working on the main thread afterwards. */
  dispose(): void {
    this.helper?.dispose();
  }
}
