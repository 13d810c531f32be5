import type { Conv2dGeometry } from '@hyperspec/core/tensor';
import type { HelperThreads } from './helper-threads.js';
import { MAX_TASK_CHUNKS, OP_CONV_WEIGHT_GRAD } from './kernel-abi.js';
import type { KernelExports } from './kernel-module.js';
import { guidedChunks } from './chunk-bounds.js';
import type { Buffers } from './packed-weights.js';
import type { WasmHeap } from './wasm-heap.js';

/**
 * A convolution's weight gradient dW = dY·patchesᵀ without the batch's patch matrix
 * (assembly/conv-weight-grad.ts): the patch rows are packed from a channel-last copy of each image,
 * a block of its positions at a time. The threads split the images; each chunk sums into its own
 * dWᵀ, and the chunks' sums are added in chunk order. The chunks depend only on the batch size and
 * the backend's thread count, never on which threads are running, so a step gives the same bits
 * every time (a captured step's replay included) whether or not the helpers are available.
 */
export class ConvWeightGrad {
  private readonly geom: Int32Array;
  private readonly args: number[] = new Array<number>(7).fill(0);
  private readonly bounds = new Int32Array(MAX_TASK_CHUNKS + 1);
  private readonly threads: number;
  private readonly maxOut: number;

  constructor(
    private readonly wasm: KernelExports,
    private readonly heap: WasmHeap,
    private readonly buffers: Buffers,
    private readonly helper: HelperThreads | null,
    private readonly scratch: number,
  ) {
    this.geom = heap.ints(12);
    this.threads = 1 + (helper?.count ?? 0);
    this.maxOut = wasm.WEIGHT_GRAD_MAX_OUT.value as number;
  }

  /**
   * dw [outC, c, kh, kw] = Σ over images and positions of dy ⊗ patches(x), for any stride and
   * padding; false (nothing done) when an array is not in the wasm memory, outC is above
   * WEIGHT_GRAD_MAX_OUT or the patch is short (SMALL_PATCH).
   */
  run(x: Float32Array, dy: Float32Array, dw: Float32Array, g: Conv2dGeometry, outC: number): boolean {
    const heap = this.heap;
    if (outC > this.maxOut || g.n < 1 || g.c * g.kh * g.kw <= SMALL_PATCH || !heap.owns(x) || !heap.owns(dy) || !heap.owns(dw)) return false;
    const geom = this.geom;
    geom[0] = g.n; geom[1] = g.c; geom[2] = g.h; geom[3] = g.w; geom[4] = g.kh; geom[5] = g.kw;
    geom[6] = g.strideH; geom[7] = g.strideW; geom[8] = g.padTop; geom[9] = g.padLeft; geom[10] = g.outH; geom[11] = g.outW;
    const partialFloats = Math.ceil((g.c * g.kh * g.kw * outC) / 16) * 16;
    // Per chunk: its partial sum dWᵀ, then the channel-last copy of the image it works on.
    const workFloats = partialFloats + Math.ceil(this.wasm.weightGradImageFloats(geom.byteOffset) / 16) * 16;
    // Chunks of whole k-blocks (the images whose positions fill one) and at most ~16 of them: each adds a pass over a dWᵀ.
    const block = this.wasm.weightGradBlockImages(g.outH * g.outW);
    const chunks = guidedChunks(this.bounds, g.n, block, Math.max(block, Math.ceil(g.n / 16)), this.threads);
    const work = this.buffers.alloc(chunks * workFloats);
    try {
      const helper = this.helper;
      if (helper !== null && chunks > 1 && helper.available()) {
        const a = this.args;
        a[0] = x.byteOffset; a[1] = geom.byteOffset; a[2] = dy.byteOffset; a[3] = outC; a[4] = work.byteOffset; a[5] = workFloats; a[6] = partialFloats;
        helper.run(OP_CONV_WEIGHT_GRAD, a, NO_FLOATS, this.bounds, chunks);
      } else {
        // The same chunks, one after another.
        for (let i = 0; i < chunks; i++) {
          this.wasm.convWeightGradImages(x.byteOffset, geom.byteOffset, dy.byteOffset, outC, this.bounds[i], this.bounds[i + 1],
            work.byteOffset + i * workFloats * 4, this.scratch, work.byteOffset + (i * workFloats + partialFloats) * 4);
        }
      }
      this.wasm.convWeightGradSum(work.byteOffset, chunks, workFloats, g.c, g.kh * g.kw, outC, dw.byteOffset);
    } finally {
      this.buffers.release(work);
    }
    return true;
  }
}

const NO_FLOATS: readonly number[] = [];
/**
 * Longest patch (c·kh·kw) left to the op's product: a 3×3 window over one channel (an image model's
 * first layer, whose forward keeps its patch matrix anyway) fills a third of the second row panel and
 * is gathered value by value; measured at 17 GFLOP/s here against 27–33 for the product on the patch
 * matrix (W-CNN's first layer, batch 64, one thread).
 */
const SMALL_PATCH = 16;
