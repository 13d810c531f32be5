import { evenChunks } from './chunk-bounds.js';
import type { HelperThreads } from './helper-threads.js';
import type { DenseChainStep } from '@hyperspec/core/tensor';
import { DENSE_CHAIN_STRIDE, MAX_TASK_CHUNKS, OP_DENSE_CHAIN, OP_DENSE_PACKED } from './kernel-abi.js';
import type { KernelExports } from './kernel-module.js';
import { PackedWeights, type Buffers } from './packed-weights.js';
import type { WasmHeap } from './wasm-heap.js';

/** Fewest rows in a chunk: one block of W is streamed from L3 per chunk, so a chunk should hold a few row panels. */
const MIN_ROWS = 48;
/**
 * Chunks per thread: two equal ones, so a thread that starts late or is descheduled hands its second
 * to the others, while the tail left when the rest finish is at most one chunk of 1/(2·threads).
 * Every chunk streams all of W, so chunks have a least size, and guided chunks (large first, shrinking
 * to that least size) left a thread a whole chunk behind: at m = 256 on two threads, rows 66, 48, 48,
 * 48, 46 finish at 114 and 142 rows of work, 11 % past an even 128; 66, 66, 60, 64 finish at 126 and 130.
 */
const CHUNKS_PER_THREAD = 2;
/** Most layers in a chain run as one task (runChain); a longer one runs layer by layer. */
const MAX_CHAIN = 16;

/**
 * The dense forward of frozen weights (a loaded model's, which never change while their buffer lives):
 * W is packed into the micro-kernel's panel layout on first use and kept (assembly/dense-packed.ts),
 * so each product packs only its rows of x, and the threads split the rows of the output, each with
 * every column: no operand is packed twice. The packed copy is dropped when the weights' buffer goes
 * back to the backend (`forget`, called on every release).
 */
export class PackedDense {
  private readonly packed: PackedWeights;
  private readonly args: number[] = new Array<number>(8).fill(0);
  private readonly chainArgs: number[] = [0, 0, 0];
  private readonly bounds = new Int32Array(MAX_TASK_CHUNKS + 1);
  private readonly threads: number;
  private readonly mr: number;
  /** The layer table of a chain (DENSE_CHAIN_STRIDE ints per layer), made on first use. */
  private chainTable: Int32Array | null = null;

  constructor(
    private readonly wasm: KernelExports,
    private readonly heap: WasmHeap,
    buffers: Buffers,
    private readonly helper: HelperThreads | null,
    private readonly scratch: number,
    /** m·k·n from which the rows are split across the threads. */
    private readonly splitWork: number,
  ) {
    this.threads = 1 + (helper?.count ?? 0);
    this.mr = wasm.MR.value as number;
    this.packed = new PackedWeights(buffers, (k, n) => wasm.packedDenseFloats(k, n), (w, k, n, dst) => wasm.packDenseWeights(w.byteOffset, k, n, dst.byteOffset));
  }

  /** out[m×n] = act(x·W + bias) with W packed once; false (nothing done) when an array is not in the wasm memory. */
  run(x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, m: number, k: number, n: number, relu: boolean): boolean {
    const heap = this.heap;
    if (!heap.owns(x) || !heap.owns(w) || !heap.owns(out) || (bias && !heap.owns(bias))) return false;
    const pw = this.packed.of(w, k, n).byteOffset;
    const b = bias ? bias.byteOffset : 0;
    const r = relu ? 1 : 0;
    const helper = this.helper;
    if (helper !== null && m * k * n >= this.splitWork && m >= 2 * MIN_ROWS && helper.available()) {
      const a = this.args;
      a[0] = x.byteOffset; a[1] = pw; a[2] = b; a[3] = out.byteOffset; a[4] = m; a[5] = k; a[6] = n; a[7] = r;
      const chunks = evenChunks(this.bounds, m, this.mr, Math.min(CHUNKS_PER_THREAD * this.threads, Math.floor(m / MIN_ROWS)));
      helper.run(OP_DENSE_PACKED, a, NO_FLOATS, this.bounds, chunks);
    } else {
      this.wasm.denseRowsPacked(x.byteOffset, pw, b, out.byteOffset, m, k, n, r, 0, m, this.scratch);
    }
    return true;
  }

  /**
   * Every layer of a chain (core's dense_chain_forward) as one task: each thread takes a block of rows
   * through all the layers (assembly/dense-packed.ts denseChainRows), so the threads meet once per
   * chain, not once per layer, and a block's activations are read back from the cache that holds them.
   * False (nothing done) when an array is not in the wasm memory or the chain is longer than MAX_CHAIN.
   */
  runChain(x: Float32Array, steps: readonly DenseChainStep[], outs: readonly Float32Array[], m: number): boolean {
    const heap = this.heap;
    if (steps.length > MAX_CHAIN || !heap.owns(x)) return false;
    for (let l = 0; l < steps.length; l++) {
      const { w, bias } = steps[l];
      if (!heap.owns(w) || !heap.owns(outs[l]) || (bias && !heap.owns(bias))) return false;
    }
    const table = (this.chainTable ??= heap.ints(MAX_CHAIN * DENSE_CHAIN_STRIDE));
    let work = 0;
    for (let l = 0; l < steps.length; l++) {
      const { w, bias, k, n, activation } = steps[l];
      const t = l * DENSE_CHAIN_STRIDE;
      table[t] = (l === 0 ? x : outs[l - 1]).byteOffset;
      table[t + 1] = this.packed.of(w, k, n).byteOffset;
      table[t + 2] = bias ? bias.byteOffset : 0;
      table[t + 3] = outs[l].byteOffset;
      table[t + 4] = k;
      table[t + 5] = n;
      table[t + 6] = activation === 'relu' ? 1 : 0;
      work += m * k * n;
    }
    const helper = this.helper;
    if (helper !== null && work >= this.splitWork && m >= 2 * MIN_ROWS && helper.available()) {
      const a = this.chainArgs;
      a[0] = table.byteOffset; a[1] = steps.length; a[2] = m;
      const chunks = evenChunks(this.bounds, m, this.mr, Math.min(CHUNKS_PER_THREAD * this.threads, Math.floor(m / MIN_ROWS)));
      helper.run(OP_DENSE_CHAIN, a, NO_FLOATS, this.bounds, chunks);
    } else {
      this.wasm.denseChainRows(table.byteOffset, steps.length, m, 0, m, this.scratch);
    }
    return true;
  }

  /** Drops the packed copy of `buffer`, if it is a packed weight; called when the backend gets a buffer back. */
  forget(buffer: Float32Array): void {
    this.packed.forget(buffer);
  }
}

const NO_FLOATS: readonly number[] = [];
