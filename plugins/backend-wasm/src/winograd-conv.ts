import type { Conv2dGeometry } from '@hyperspec/core/tensor';
import type { HelperThreads } from './helper-threads.js';
import { MAX_TASK_CHUNKS, OP_WINOGRAD } from './kernel-abi.js';
import type { KernelExports } from './kernel-module.js';
import { guidedChunks } from './chunk-bounds.js';
import { PackedWeights, type Buffers } from './packed-weights.js';
import type { WasmHeap } from './wasm-heap.js';

/**
 * A 3×3 stride-1 convolution (+ bias, + ReLU, + an optional 2×2 / stride-2 max pooling) by Winograd's
 * F(2×2, 3×3) (Lavin & Gray, CVPR 2016; assembly/winograd.ts): 16 products [outC × c]·[c × tiles]
 * instead of one [outC × 9c]·[9c × positions], 2.25× fewer multiplies. The threads split the images;
 * every chunk of images gets its own work buffer.
 */
export class WinogradConv {
  private readonly args: number[] = new Array<number>(12).fill(0);
  private readonly bounds = new Int32Array(MAX_TASK_CHUNKS + 1);
  private readonly threads: number;
  private readonly mr: number;
  /** Frozen weights' transformed and packed copies (16 planes of U = G g Gᵀ), made once per weight buffer. */
  private readonly packed: PackedWeights;

  constructor(
    private readonly wasm: KernelExports,
    private readonly buffers: Buffers,
    private readonly helper: HelperThreads | null,
    private readonly scratch: number,
  ) {
    this.threads = 1 + (helper?.count ?? 0);
    this.mr = wasm.MR.value as number;
    this.packed = new PackedWeights(buffers, (outC, c) => this.packedFloats(outC, c), (w, outC, c, dst) => this.transform(w, outC, c, false, dst));
  }

  /** Whether `run` takes this geometry: 3×3, stride 1, more than one input channel (one channel keeps the short-patch path). */
  static fits(g: Conv2dGeometry): boolean {
    return g.kh === 3 && g.kw === 3 && g.strideH === 1 && g.strideW === 1 && g.c > 1;
  }

  /**
   * out = act(conv(x, w) + bias), pooled 2×2 / 2 when `pool`; `geom` points at the geometry g already
   * written into the wasm memory (assembly/conv.ts layout). `frozen` weights are transformed once and kept.
   * With `flip` (an input gradient: g is then the transposed convolution's geometry), w is stored as
   * [g.c, outC, 3, 3] and each filter is taken rotated by 180°, with the channels swapped.
   */
  run(x: Float32Array, geom: number, w: Float32Array, bias: Float32Array | null, out: Float32Array, g: Conv2dGeometry, outC: number, relu: boolean,
    pool: boolean, frozen: boolean, flip = false): void {
    const wasm = this.wasm;
    const rowsPadded = Math.ceil(outC / this.mr) * this.mr;
    const own = frozen ? null : this.buffers.alloc(this.packedFloats(outC, g.c));
    if (own) this.transform(w, flip ? g.c : outC, flip ? outC : g.c, flip, own);
    const u = own ?? this.packed.of(w, outC, g.c);
    // Images per product: enough tiles (≥ TILES) for the micro-kernel's column panels.
    const tiles = (pool ? (g.outH >> 1) * (g.outW >> 1) : ((g.outH + 1) >> 1) * ((g.outW + 1) >> 1));
    const group = Math.max(1, Math.min(g.n, Math.floor(TILES / Math.max(1, tiles))));
    const workFloats = Math.ceil(wasm.winogradWorkFloats(geom, outC, pool ? 1 : 0, group) / 16) * 16;
    const b = bias ? bias.byteOffset : 0;
    try {
      const helper = this.helper;
      if (helper !== null && g.n >= 2 && helper.available()) {
        const chunks = guidedChunks(this.bounds, g.n, group, 1, this.threads);
        const work = this.buffers.alloc(chunks * workFloats);
        const a = this.args;
        a[0] = x.byteOffset; a[1] = geom; a[2] = u.byteOffset; a[3] = rowsPadded; a[4] = b; a[5] = out.byteOffset; a[6] = outC; a[7] = relu ? 1 : 0;
        a[8] = pool ? 1 : 0; a[9] = group; a[10] = work.byteOffset; a[11] = workFloats;
        try {
          helper.run(OP_WINOGRAD, a, NO_FLOATS, this.bounds, chunks);
        } finally {
          this.buffers.release(work);
        }
      } else {
        const work = this.buffers.alloc(workFloats);
        wasm.winogradImages(x.byteOffset, geom, u.byteOffset, rowsPadded, b, out.byteOffset, outC, relu ? 1 : 0, pool ? 1 : 0, group, 0, g.n, work.byteOffset, this.scratch);
        this.buffers.release(work);
      }
    } finally {
      if (own) this.buffers.release(own);
    }
  }

  /** Drops the transformed copy of `buffer`, if it is a frozen weight; called when the backend gets a buffer back. */
  forget(buffer: Float32Array): void {
    this.packed.forget(buffer);
  }

  /** Floats of the 16 packed planes of U for outC × c filters. */
  private packedFloats(outC: number, c: number): number {
    return 16 * Math.ceil(outC / this.mr) * this.mr * c;
  }

  /** U = G g Gᵀ of w [outC, c, 3, 3] (as stored; flipped: see run), packed into dst (assembly/winograd.ts, winogradWeights). */
  private transform(w: Float32Array, outC: number, c: number, flip: boolean, dst: Float32Array): void {
    const u = this.buffers.alloc(16 * outC * c);
    const rows = flip ? c : outC;
    this.wasm.winogradWeights(w.byteOffset, outC, c, flip ? 1 : 0, u.byteOffset, dst.byteOffset, Math.ceil(rows / this.mr) * this.mr);
    this.buffers.release(u);
  }
}

const NO_FLOATS: readonly number[] = [];
/**
 * Tiles a product should have at least: with fewer the micro-kernel's 8-column panels and the per-call
 * packing of V cost more than they save. One MNIST-sized image has 25-49 tiles, so a few images go together.
 */
const TILES = 96;
