import type { Conv2dGeometry } from '@hyperspec/core/tensor';
import type { HelperThreads } from './helper-threads.js';
import { MAX_TASK_CHUNKS, OP_WINOGRAD_WEIGHT_GRAD } from './kernel-abi.js';
import type { KernelExports } from './kernel-module.js';
import { guidedChunks } from './chunk-bounds.js';
import type { Buffers } from './packed-weights.js';
import type { WasmHeap } from './wasm-heap.js';

/**
 * A 3×3 stride-1 convolution's weight gradient by Winograd's F(3×3, 2×2) (Lavin & Gray, CVPR 2016;
 * assembly/winograd-weight-grad.ts): 16 products [outC × tiles]·[tiles × c] over the 2×2 tiles of dY
 * instead of one [outC × positions]·[positions × 9c], ~1.9× fewer multiplies for W-CNN's second layer.
 * The threads split the images; each chunk sums into its own transformed gradient M, and the chunks'
 * M are added in chunk order. The chunks depend only on the batch size and the backend's thread
 * count, never on which threads are running, so a step gives the same bits every time.
 */
export class WinogradWeightGrad {
  private readonly geom: Int32Array;
  private readonly args: number[] = new Array<number>(7).fill(0);
  private readonly bounds = new Int32Array(MAX_TASK_CHUNKS + 1);
  private readonly threads: number;

  constructor(
    private readonly wasm: KernelExports,
    private readonly heap: WasmHeap,
    private readonly buffers: Buffers,
    private readonly helper: HelperThreads | null,
    private readonly scratch: number,
  ) {
    this.geom = heap.ints(12);
    this.threads = 1 + (helper?.count ?? 0);
  }

  /** Whether `run` takes this geometry: 3×3, stride 1, more than one input channel. */
  static fits(g: Conv2dGeometry): boolean {
    return g.kh === 3 && g.kw === 3 && g.strideH === 1 && g.strideW === 1 && g.c > 1 && g.n >= 1;
  }

  /** dw [outC, c, 3, 3] for a geometry `fits` accepts; false (nothing done) when an array is not in the wasm memory. */
  run(x: Float32Array, dy: Float32Array, dw: Float32Array, g: Conv2dGeometry, outC: number): boolean {
    const heap = this.heap;
    if (!WinogradWeightGrad.fits(g) || !heap.owns(x) || !heap.owns(dy) || !heap.owns(dw)) return false;
    const geom = this.geom;
    geom[0] = g.n; geom[1] = g.c; geom[2] = g.h; geom[3] = g.w; geom[4] = g.kh; geom[5] = g.kw;
    geom[6] = g.strideH; geom[7] = g.strideW; geom[8] = g.padTop; geom[9] = g.padLeft; geom[10] = g.outH; geom[11] = g.outW;
    const tiles = ((g.outH + 1) >> 1) * ((g.outW + 1) >> 1);
    // Images per product: enough tiles for a long k (the product's depth), few enough that V and E stay in L2.
    const group = Math.max(1, Math.min(g.n, Math.floor(TILES / tiles)));
    const workFloats = Math.ceil(this.wasm.winogradWeightGradWorkFloats(geom.byteOffset, outC, group) / 16) * 16;
    // Chunks of whole groups, at most ~16 of them: each adds a pass over an M.
    const chunks = guidedChunks(this.bounds, g.n, group, Math.max(group, Math.ceil(g.n / 16)), this.threads);
    const work = this.buffers.alloc(chunks * workFloats);
    try {
      const helper = this.helper;
      if (helper !== null && chunks > 1 && helper.available()) {
        const a = this.args;
        a[0] = x.byteOffset; a[1] = geom.byteOffset; a[2] = dy.byteOffset; a[3] = outC; a[4] = group; a[5] = work.byteOffset; a[6] = workFloats;
        helper.run(OP_WINOGRAD_WEIGHT_GRAD, a, NO_FLOATS, this.bounds, chunks);
      } else {
        // The same chunks, one after another.
        for (let i = 0; i < chunks; i++) {
          this.wasm.winogradWeightGradImages(x.byteOffset, geom.byteOffset, dy.byteOffset, outC, group, this.bounds[i], this.bounds[i + 1],
            work.byteOffset + i * workFloats * 4, this.scratch);
        }
      }
      this.wasm.winogradWeightGradSum(work.byteOffset, chunks, workFloats, outC, g.c, dw.byteOffset);
    } finally {
      this.buffers.release(work);
    }
    return true;
  }
}

const NO_FLOATS: readonly number[] = [];
/** Tiles per product (its depth k): 72 = 2 of W-CNN's second-layer images (36 tiles each), so that E and V (442 KiB) stay in a 1 MiB L2; 144 measured ~10 % slower, 36 no faster (one thread). */
const TILES = 72;
