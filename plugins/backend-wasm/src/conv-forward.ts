import type { Conv2dGeometry } from '@hyperspec/core/tensor';
import type { HelperThreads } from './helper-threads.js';
import { MAX_TASK_CHUNKS, OP_CONV_FORWARD } from './kernel-abi.js';
import type { KernelExports } from './kernel-module.js';
import { guidedChunks } from './chunk-bounds.js';
import { PackedWeights, type Buffers } from './packed-weights.js';
import type { WasmHeap } from './wasm-heap.js';
import { WinogradConv } from './winograd-conv.js';

/**
 * The inference forward of a convolution (+ bias, + ReLU), image by image (assembly/conv-forward.ts):
 * each image's patches stay in cache instead of the whole batch's patch matrix going through memory.
 * The threads split the images; every chunk of images gets its own patch buffer. 3×3 stride-1
 * convolutions over more than one channel go to Winograd's algorithm instead (WinogradConv), which
 * also serves the training path's forward product and input gradient (`product`, `inputGrad`).
 */
export class ConvForward {
  private readonly geom: Int32Array;
  private readonly args: number[] = new Array<number>(11).fill(0);
  private readonly bounds = new Int32Array(MAX_TASK_CHUNKS + 1);
  private readonly threads: number;
  /**
   * Frozen weights W [outC × patch] packed once into the product's row panels (packWhole): the same
   * panels gemmBlock otherwise packs from W again for every image of every batch (64 × 288 floats per
   * image in the MNIST CNN's second layer, against its 1.8 M multiply-adds).
   */
  private readonly packed: PackedWeights;
  /** 3×3 stride-1 convolutions over more than one channel go through Winograd's F(2×2, 3×3) instead. */
  private readonly winograd: WinogradConv;

  constructor(
    private readonly wasm: KernelExports,
    private readonly heap: WasmHeap,
    private readonly buffers: Buffers,
    private readonly helper: HelperThreads | null,
    private readonly scratch: number,
  ) {
    this.geom = heap.ints(12);
    this.threads = 1 + (helper?.count ?? 0);
    this.winograd = new WinogradConv(wasm, buffers, helper, scratch);
    const mr = wasm.MR.value as number;
    this.packed = new PackedWeights(buffers, (outC, patch) => Math.ceil(outC / mr) * mr * patch,
      (w, outC, patch, dst) => wasm.packWhole(0, w.byteOffset, 0, outC, patch, 0, dst.byteOffset, 0, 0, 0, outC));
  }

  /**
   * out = act(conv(x, w) + bias) (NCHW, w [outC, c, kh, kw]), then, given `pool` (the geometry of a
   * max pooling over that output), the pooling too, image by image. False (nothing done) when an
   * array is not in the wasm memory or the pooling is not 2×2 with stride 2. `frozen` weights are
   * packed for the product once and kept (see `packed`).
   */
  run(x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, g: Conv2dGeometry, outC: number, relu: boolean,
    pool: Conv2dGeometry | null = null, frozen = false): boolean {
    const heap = this.heap;
    if (!heap.owns(x) || !heap.owns(w) || !heap.owns(out) || (bias && !heap.owns(bias))) return false;
    if (pool && !isMaxPool2x2(pool)) return false;
    const geom = this.geom;
    this.writeGeometry(g);
    if (WinogradConv.fits(g)) {
      this.winograd.run(x, geom.byteOffset, w, bias, out, g, outC, relu, pool !== null, frozen);
      return true;
    }
    // Per chunk: the patch matrix, its slack, and for stride 1 the padded image with its slack
    // (assembly/im2col-padded.ts), rounded to whole cache lines.
    const padded = g.strideH === 1 && g.strideW === 1 ? g.c * (g.outH + g.kh - 1) * (g.outW + g.kw - 1) + SLACK : 0;
    // With pooling, the convolution's output of one image follows (assembly/conv-forward.ts).
    const convOut = pool ? outC * g.outH * g.outW : 0;
    const colsFloats = Math.ceil((g.c * g.kh * g.kw * g.outH * g.outW + SLACK + padded + convOut) / 16) * 16;
    const b = bias ? bias.byteOffset : 0;
    const r = relu ? 1 : 0;
    const pw = frozen && g.c * g.kh * g.kw > SMALL_PATCH ? this.packed.of(w, outC, g.c * g.kh * g.kw).byteOffset : 0;
    const helper = this.helper;
    if (helper !== null && g.n >= 2 && helper.available()) {
      const chunks = guidedChunks(this.bounds, g.n, 1, 1, this.threads);
      const cols = this.buffers.alloc(chunks * colsFloats);
      const a = this.args;
      a[0] = x.byteOffset; a[1] = geom.byteOffset; a[2] = w.byteOffset; a[3] = b; a[4] = out.byteOffset; a[5] = outC; a[6] = r; a[7] = cols.byteOffset; a[8] = colsFloats; a[9] = pool ? 1 : 0; a[10] = pw;
      try {
        helper.run(OP_CONV_FORWARD, a, NO_FLOATS, this.bounds, chunks);
      } finally {
        this.buffers.release(cols);
      }
    } else {
      const cols = this.buffers.alloc(colsFloats);
      this.wasm.convForwardImages(x.byteOffset, geom.byteOffset, w.byteOffset, pw, b, out.byteOffset, outC, r, pool ? 1 : 0, 0, g.n, cols.byteOffset, this.scratch);
      this.buffers.release(cols);
    }
    return true;
  }

  /**
   * The training path's forward product out = conv(x, w) + bias, for the geometries Winograd's
   * algorithm takes (WinogradConv.fits) and for short patches (c·kh·kw ≤ SMALL_PATCH); false (nothing
   * done) for others, which keep im2col and the product, or for arrays outside the wasm memory.
   */
  product(x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, g: Conv2dGeometry, outC: number): boolean {
    const heap = this.heap;
    if (!heap.owns(x) || !heap.owns(w) || !heap.owns(out) || (bias && !heap.owns(bias))) return false;
    if (WinogradConv.fits(g)) {
      this.winograd.run(x, this.writeGeometry(g), w, bias, out, g, outC, false, false, false);
      return true;
    }
    // A short patch (one input channel, the first layer of an image model): image by image, the
    // patches in cache and the bias added as each output is stored (productSmallPatch, the same sums
    // in the same order as the batched product and its bias pass), instead of the whole batch's patch
    // matrix through memory and a separate bias pass over the output.
    if (g.c * g.kh * g.kw <= SMALL_PATCH) return this.run(x, w, bias, out, g, outC, false);
    return false;
  }

  /**
   * The training path's input gradient dx = conv_full(dy, w) for the geometries Winograd's algorithm
   * takes: the convolution of dy, padded by 2 − padding, with w's filters rotated by 180° and its
   * channels swapped (out channels in, in channels out), which needs padding ≤ 2 (kernel − 1). False
   * (nothing done) otherwise; the op then runs Wᵀ·dy and col2im.
   */
  inputGrad(dy: Float32Array, w: Float32Array, dx: Float32Array, g: Conv2dGeometry, outC: number): boolean {
    const heap = this.heap;
    if (!WinogradConv.fits(g) || g.padTop > 2 || g.padLeft > 2 || !heap.owns(dy) || !heap.owns(w) || !heap.owns(dx)) return false;
    const t: Conv2dGeometry = {
      n: g.n, c: outC, h: g.outH, w: g.outW, kh: 3, kw: 3, strideH: 1, strideW: 1, padTop: 2 - g.padTop, padLeft: 2 - g.padLeft, outH: g.h, outW: g.w,
    };
    if (!WinogradConv.fits(t)) return false;
    this.winograd.run(dy, this.writeGeometry(t), w, null, dx, t, g.c, false, false, false, true);
    return true;
  }

  /** Writes g with n = 1 (one image) into the geometry block (assembly/conv.ts layout); returns its address. */
  private writeGeometry(g: Conv2dGeometry): number {
    const geom = this.geom;
    geom[0] = 1; geom[1] = g.c; geom[2] = g.h; geom[3] = g.w; geom[4] = g.kh; geom[5] = g.kw;
    geom[6] = g.strideH; geom[7] = g.strideW; geom[8] = g.padTop; geom[9] = g.padLeft; geom[10] = g.outH; geom[11] = g.outW;
    return geom.byteOffset;
  }

  /** Drops the packed copy of `buffer`, if it is a packed weight; called when the backend gets a buffer back. */
  forget(buffer: Float32Array): void {
    this.packed.forget(buffer);
    this.winograd.forget(buffer);
  }
}

const NO_FLOATS: readonly number[] = [];

/** The windows maxPool2x2Forward computes: 2×2, stride 2, no padding. */
function isMaxPool2x2(p: Conv2dGeometry): boolean {
  return p.kh === 2 && p.kw === 2 && p.strideH === 2 && p.strideW === 2 && p.padTop === 0 && p.padLeft === 0;
}
/** Longest patch (c·kh·kw) that the kernel multiplies without packing (SMALL_PATCH in assembly/conv-forward.ts). */
const SMALL_PATCH = 16;
/** Floats past the patch matrix and past the padded image that the kernels may touch (PADDED_SLACK in assembly/im2col-padded.ts). */
const SLACK = 4;
