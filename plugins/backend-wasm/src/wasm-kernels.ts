import type { Backend, BinaryOp, Conv2dGeometry, Kernels, ReduceOp, UnaryOp } from '@hyperspec/core/tensor';
import { cpuKernels } from '@hyperspec/backend-cpu';
import { HelperThreads, MAX_TASK_CHUNKS, OP_ADAM, OP_BINARY, OP_COL2IM, OP_GEMM, OP_IM2COL, OP_MAXPOOL, OP_MAXPOOL_GRAD, OP_PACK, OP_SWAP, OP_UNARY } from './helper-threads.js';
import { evenChunks, guidedChunks } from './chunk-bounds.js';
import type { KernelExports } from './kernel-module.js';
import { BINARY_CODES, BinaryMode, NCHW_CODES, REDUCE_CODES, UNARY_CODES } from './op-codes.js';
import type { WasmHeap } from './wasm-heap.js';


export interface WasmKernelOptions {
  /** m·k·n from which a matmul is split across the threads. */
  matmulSplitWork: number;
  /** Floats from which im2col / col2im / Adam are split across the threads. */
  elementSplitWork: number;
}

/**
 * The kernel table of the wasm backend. Every kernel checks that its arrays are views of the wasm
 * memory (they are whenever they came from the backend's alloc) and otherwise, like the kernels it
 * does not accelerate (general broadcasting, N-d transpose, pick), runs the reference CPU kernel on
 * the same arrays. Large kernels are split between the main thread and the helper threads.
 */
export function createWasmKernels(wasm: KernelExports, heap: WasmHeap, helper: HelperThreads | null, scratch: number, options: WasmKernelOptions): { kernels: Kernels; fused: Backend['fused'] } {
  // The gemm register tile of this module (assembly/gemm-tile.ts): splits between threads fall on tile edges.
  const MR = wasm.MR.value as number;
  const NR = wasm.NR.value as number;
  const geom = heap.ints(12);
  // Fixed arity (no rest parameters) and a reused argument list: a kernel call allocates nothing.
  const owns = (a: ArrayBufferView, b: ArrayBufferView = a, c: ArrayBufferView = a, d: ArrayBufferView = a): boolean =>
    heap.owns(a) && heap.owns(b) && heap.owns(c) && heap.owns(d);
  const args: number[] = new Array<number>(16).fill(0);
  const floats: number[] = new Array<number>(6).fill(0);
  const bounds = new Int32Array(MAX_TASK_CHUNKS + 1);
  const packBounds = new Int32Array(MAX_TASK_CHUNKS + 1);
  const threads = 1 + (helper?.count ?? 0);
  const guidedBounds = (out: Int32Array, extent: number, unit: number, least: number): number => guidedChunks(out, extent, unit, least, threads);
  /** Fewest floats in an elementwise chunk: a quarter of the size from which such kernels are split. */
  const minElementChunk = Math.max(4, options.elementSplitWork / 4);
  const useHelper = (work: number, threshold: number): boolean => helper !== null && work >= threshold && helper.available();

  function writeGeometry(g: Conv2dGeometry): number {
    geom[0] = g.n; geom[1] = g.c; geom[2] = g.h; geom[3] = g.w; geom[4] = g.kh; geom[5] = g.kw;
    geom[6] = g.strideH; geom[7] = g.strideW; geom[8] = g.padTop; geom[9] = g.padLeft; geom[10] = g.outH; geom[11] = g.outW;
    return geom.byteOffset;
  }

  function matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
    if (!owns(a, b, out)) return cpuKernels.matmul(a, b, out, m, k, n, transA, transB);
    gemm(a.byteOffset, b.byteOffset, out.byteOffset, m, k, n, transA ? 1 : 0, transB ? 1 : 0, 0, 0, 0, 0);
  }

  /** out += op(a)·op(b): a gradient summed into its buffer by the product itself. */
  function matmulAccumulate(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
    if (!owns(a, b, out)) return matmulAccumulateReference(a, b, out, m, k, n, transA, transB);
    gemm(a.byteOffset, b.byteOffset, out.byteOffset, m, k, n, transA ? 1 : 0, transB ? 1 : 0, 0, 0, 0, 0, 1);
  }

  function fill(out: Float32Array, value: number): void {
    if (!owns(out)) return void out.fill(value);
    wasm.fill(out.byteOffset, out.length, value);
  }

  /**
   * Where a product split between threads finds the operand every chunk needs whole (A when the
   * chunks are blocks of columns of C, B when they are blocks of rows), packed once by all threads
   * (OP_PACK) before the product: without it each chunk packs that operand again, and at n = 512 the
   * 7 chunks of two threads packed A seven times. Made on first use, PACK_FLOATS floats.
   */
  let packBuffer = 0;

  function matmulNchw(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean,
    nchw: 'a' | 'b' | 'out', positions: number): void {
    if (!owns(a, b, out)) return cpuKernels.matmulNchw(a, b, out, m, k, n, transA, transB, nchw, positions);
    gemm(a.byteOffset, b.byteOffset, out.byteOffset, m, k, n, transA ? 1 : 0, transB ? 1 : 0, 0, 0, NCHW_CODES[nchw], positions);
  }

  /**
   * C = op(A)·op(B) at byte offsets, then + bias (offset, 0 for none) and ReLU when relu = 1; `nchw`
   * (NCHW_CODES) names an image-major operand with `positions` columns per image.
   */
  function gemm(pa: number, pb: number, pc: number, m: number, k: number, n: number, ta: number, tb: number, bias: number, relu: number,
    nchw: number, positions: number, accumulate = 0): void {
    if (useHelper(m * k * n, options.matmulSplitWork) && (m >= 2 * MR || n >= 2 * NR)) {
      // Blocks of the longer side of C, on tile edges; each chunk packs its own panels of the split operand.
      const splitColumns = n >= m;
      const extent = splitColumns ? n : m;
      const unit = splitColumns ? NR : MR;
      // At least two chunks whenever the side allows: a short C (m = 32) still splits in halves.
      const least = Math.min(MIN_GEMM_CHUNK, extent / 2);
      // A small product (a batch-64 dense layer) is cut into one equal block per thread: guided
      // chunks and a shared packing task cost it more hand-offs than they save in balance.
      const chunks = m * k * n < EVEN_SPLIT_WORK && extent <= EVEN_SPLIT_EXTENT
        ? evenChunks(bounds, extent, unit, Math.min(threads, Math.floor(extent / least)))
        : guidedBounds(bounds, extent, unit, least);
      // The other operand, packed once here when more chunks than threads would each pack it.
      let packedA = 0;
      let packedB = 0;
      const whole = splitColumns ? roundUp(m, MR) * k : k * roundUp(n, NR);
      if (chunks > threads && whole >= PACK_MIN_FLOATS && whole <= PACK_FLOATS) {
        if (!packBuffer) packBuffer = heap.floats(PACK_FLOATS).byteOffset;
        // Packed by every thread, in blocks of whole panels (rows of A, columns of B).
        const [which, src, trans, side, unit] = splitColumns ? [0, pa, ta, m, MR] : [1, pb, tb, n, NR];
        const packChunks = guidedBounds(packBounds, side, unit, unit);
        helper!.run(OP_PACK, setArgs(args, which, src, trans, m, k, n, packBuffer, nchw, positions), NO_FLOATS, packBounds, packChunks);
        if (splitColumns) packedA = packBuffer;
        else packedB = packBuffer;
      }
      helper!.run(OP_GEMM, setArgs(args, pa, pb, pc, m, k, n, ta, tb, splitColumns ? 1 : 0, bias, relu, nchw, positions, accumulate, packedA, packedB),
        NO_FLOATS, bounds, chunks);
      return;
    }
    wasm.gemmBlock(pa, pb, pc, m, k, n, ta, tb, 0, m, 0, n, scratch, bias, relu, nchw, positions, accumulate, 0, 0);
  }

  function denseForward(x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, m: number, k: number, n: number, activation: 'linear' | 'relu'): void {
    if (!owns(x, w, out) || (bias && !owns(bias))) return denseReference(x, w, bias, out, m, k, n, activation);
    gemm(x.byteOffset, w.byteOffset, out.byteOffset, m, k, n, 0, 0, bias ? bias.byteOffset : 0, activation === 'relu' ? 1 : 0, 0, 0);
  }

  function unary(op: UnaryOp, x: Float32Array, out: Float32Array, alpha: number): void {
    if (!owns(x, out)) return cpuKernels.unary(op, x, out, alpha);
    const n = x.length;
    if (useHelper(n, options.elementSplitWork)) {
      floats[0] = alpha;
      helper!.run(OP_UNARY, setArgs(args, UNARY_CODES[op], x.byteOffset, out.byteOffset, 0, 0), floats, bounds, guidedBounds(bounds, n, 4, minElementChunk));
      return;
    }
    wasm.unary(UNARY_CODES[op], x.byteOffset, out.byteOffset, n, alpha);
  }

  function binary(op: BinaryOp, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[], out: Float32Array, outShape: readonly number[]): void {
    const n = out.length;
    const cols = outShape.length ? outShape[outShape.length - 1] : 1;
    let mode = -1;
    let vector = cols;
    let inner = 1;
    if (a.length === n && b.length === n) mode = BinaryMode.Same;
    else if (a.length === n && b.length === 1) mode = BinaryMode.ScalarB;
    else if (a.length === 1 && b.length === n) mode = BinaryMode.ScalarA;
    else if (a.length === n && b.length === cols && bShape[bShape.length - 1] === cols) mode = BinaryMode.RowB;
    else if (b.length === n && a.length === cols && aShape[aShape.length - 1] === cols) mode = BinaryMode.RowA;
    else if (a.length === n) {
      // b with a single non-1 axis (a per-channel bias [1, C, 1, 1]): a middle-axis broadcast.
      const axis = singleAxis(bShape);
      if (axis >= 0 && bShape[axis] === outShape[axis]) {
        mode = BinaryMode.MidB;
        vector = bShape[axis];
        for (let d = axis + 1; d < outShape.length; d++) inner *= outShape[d];
      }
    }
    if (mode < 0 || n === 0 || !owns(a, b, out)) return cpuKernels.binary(op, a, aShape, b, bShape, out, outShape);
    if (useHelper(n, options.elementSplitWork)) {
      // Chunks start on a row (row broadcasts) or a plane (middle-axis broadcasts) of the output.
      const unit = mode === BinaryMode.RowA || mode === BinaryMode.RowB ? vector : mode === BinaryMode.MidB ? vector * inner : 4;
      helper!.run(OP_BINARY, setArgs(args, BINARY_CODES[op], mode, a.byteOffset, b.byteOffset, out.byteOffset, vector, inner), NO_FLOATS, bounds, guidedBounds(bounds, n, unit, minElementChunk));
      return;
    }
    wasm.binary(BINARY_CODES[op], mode, a.byteOffset, b.byteOffset, out.byteOffset, n, vector, inner);
  }

  function reduce(op: ReduceOp, x: Float32Array, outer: number, axisLen: number, inner: number, out: Float32Array): void {
    if (!owns(x, out)) return cpuKernels.reduce(op, x, outer, axisLen, inner, out);
    wasm.reduce(REDUCE_CODES[op], x.byteOffset, outer, axisLen, inner, out.byteOffset);
  }

  function transpose(x: Float32Array, shape: readonly number[], perm: readonly number[], out: Float32Array): void {
    if (owns(x, out)) {
      if (shape.length === 2 && perm[0] === 1) return wasm.transposeLast2(x.byteOffset, 1, shape[0], shape[1], out.byteOffset);
      // [batch, rows, cols] → [batch, cols, rows] (batched matrix transposes).
      if (shape.length === 3 && perm[0] === 0 && perm[1] === 2 && perm[2] === 1) return wasm.transposeLast2(x.byteOffset, shape[0], shape[1], shape[2], out.byteOffset);
      // [a, b, inner] → [b, a, inner]: the [channels, batch, positions] ↔ NCHW reorder of conv2d.
      if (shape.length === 3 && perm[0] === 1 && perm[1] === 0 && perm[2] === 2) return swapOuter(x, shape[0], shape[1], shape[2], out);
    }
    cpuKernels.transpose(x, shape, perm, out);
  }

  function swapOuter(x: Float32Array, a: number, b: number, inner: number, out: Float32Array): void {
    if (useHelper(x.length, options.elementSplitWork) && a >= 2) {
      helper!.run(OP_SWAP, setArgs(args, x.byteOffset, a, b, inner, out.byteOffset), NO_FLOATS, bounds, guidedBounds(bounds, a, 1, minElementChunk / (b * inner)));
      return;
    }
    wasm.swapOuter(x.byteOffset, a, b, inner, out.byteOffset, 0, a);
  }

  function im2col(x: Float32Array, g: Conv2dGeometry, out: Float32Array): void {
    if (!owns(x, out)) return cpuKernels.im2col(x, g, out);
    const p = writeGeometry(g);
    // Each image fills its own columns: chunks are groups of images.
    if (useHelper(out.length, options.elementSplitWork) && g.n >= 2) {
      helper!.run(OP_IM2COL, setArgs(args, x.byteOffset, p, out.byteOffset, 0, 0), NO_FLOATS, bounds, guidedBounds(bounds, g.n, 1, 1));
      return;
    }
    wasm.im2col(x.byteOffset, p, out.byteOffset, 0, g.n);
  }

  function col2im(cols: Float32Array, g: Conv2dGeometry, out: Float32Array): void {
    if (!owns(cols, out)) return cpuKernels.col2im(cols, g, out);
    const p = writeGeometry(g);
    if (useHelper(cols.length, options.elementSplitWork) && g.n >= 2) {
      helper!.run(OP_COL2IM, setArgs(args, cols.byteOffset, p, out.byteOffset, 0, 0), NO_FLOATS, bounds, guidedBounds(bounds, g.n, 1, 1));
      return;
    }
    wasm.col2im(cols.byteOffset, p, out.byteOffset, 0, g.n);
  }

  function maxPool2d(x: Float32Array, g: Conv2dGeometry, out: Float32Array, argmax: Int32Array): void {
    if (!owns(x, out, argmax)) return cpuKernels.maxPool2d(x, g, out, argmax);
    const planes = g.n * g.c;
    if (useHelper(x.length, options.elementSplitWork) && planes >= 2) {
      helper!.run(OP_MAXPOOL, setArgs(args, x.byteOffset, writeGeometry(g), out.byteOffset, argmax.byteOffset, 0), NO_FLOATS, bounds,
        guidedBounds(bounds, planes, 1, minElementChunk / (g.h * g.w)));
      return;
    }
    wasm.maxPool2d(x.byteOffset, writeGeometry(g), out.byteOffset, argmax.byteOffset, 0, planes);
  }

  function maxPool2dGrad(dy: Float32Array, argmax: Int32Array, dx: Float32Array, g: Conv2dGeometry): void {
    if (!owns(dy, argmax, dx)) return cpuKernels.maxPool2dGrad(dy, argmax, dx, g);
    const planes = g.n * g.c;
    const outPlane = g.outH * g.outW;
    const inPlane = g.h * g.w;
    if (useHelper(dx.length, options.elementSplitWork) && planes >= 2) {
      helper!.run(OP_MAXPOOL_GRAD, setArgs(args, dy.byteOffset, argmax.byteOffset, dx.byteOffset, outPlane, inPlane), NO_FLOATS, bounds,
        guidedBounds(bounds, planes, 1, minElementChunk / inPlane));
      return;
    }
    wasm.maxPool2dGrad(dy.byteOffset, argmax.byteOffset, dx.byteOffset, outPlane, inPlane, 0, planes);
  }

  function adamUpdate(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array,
    lr: number, beta1: number, beta2: number, eps: number, step: number, weightDecay: number, zeroGrad = false): void {
    if (!owns(param, grad, m, v)) return adamReference(param, grad, m, v, lr, beta1, beta2, eps, step, weightDecay, zeroGrad);
    const n = param.length;
    const zero = zeroGrad ? 1 : 0;
    // A square root and a division per float make Adam ~10× an add per float: split from a quarter of the size.
    if (useHelper(n, options.elementSplitWork / 4) && n >= 8) {
      helper!.run(OP_ADAM, setArgs(args, param.byteOffset, grad.byteOffset, m.byteOffset, v.byteOffset, zero),
        setArgs(floats, lr, beta1, beta2, eps, step, weightDecay), bounds, guidedBounds(bounds, n, 4, minElementChunk / 4));
      return;
    }
    wasm.adam(param.byteOffset, grad.byteOffset, m.byteOffset, v.byteOffset, n, lr, beta1, beta2, eps, step, weightDecay, zero);
  }

  const kernels: Kernels = {
    matmul,
    matmulNchw,
    unary,
    binary,
    reduce,
    transpose,
    broadcastTo: cpuKernels.broadcastTo,
    softmax: (x, rows, cols, out) => (owns(x, out) ? wasm.softmax(x.byteOffset, rows, cols, out.byteOffset) : cpuKernels.softmax(x, rows, cols, out)),
    logSoftmax: (x, rows, cols, out) => (owns(x, out) ? wasm.logSoftmax(x.byteOffset, rows, cols, out.byteOffset) : cpuKernels.logSoftmax(x, rows, cols, out)),
    softmaxCrossEntropy: (logits, labels, rows, cols, loss, probs) =>
      owns(logits, labels, loss, probs)
        ? wasm.softmaxCrossEntropy(logits.byteOffset, labels.byteOffset, rows, cols, loss.byteOffset, probs.byteOffset)
        : cpuKernels.softmaxCrossEntropy(logits, labels, rows, cols, loss, probs),
    im2col,
    col2im,
    maxPool2d,
    maxPool2dGrad,
    avgPool2d: (x, g, out) => (owns(x, out) ? wasm.avgPool2d(x.byteOffset, writeGeometry(g), out.byteOffset, 0) : cpuKernels.avgPool2d(x, g, out)),
    avgPool2dGrad: (dy, g, dx) => (owns(dy, dx) ? wasm.avgPool2d(dy.byteOffset, writeGeometry(g), dx.byteOffset, 1) : cpuKernels.avgPool2dGrad(dy, g, dx)),
    pick: cpuKernels.pick,
    pickGrad: cpuKernels.pickGrad,
  };
  // Fused kernels by the names their users declare: core's dense op, engine and gradient zeroing, and the Adam optimizer plugin.
  return { kernels, fused: { dense_forward: denseForward, adam_update: adamUpdate, matmul_accumulate: matmulAccumulate, fill } };
}

/** Fewest rows or columns of C in a gemm chunk. */
const MIN_GEMM_CHUNK = 64;
/**
 * Below this m·k·n, and with at most EVEN_SPLIT_EXTENT rows or columns on the split side, a product is
 * cut into equal blocks, one per thread, instead of guided chunks (with a packing task before them
 * when they outnumber the threads). W-MLP's products (at most 64·784·256 = 12.8 M) are of this kind:
 * the gradient of its first weight went from a packing task and 8 chunks to 2 chunks, its forward
 * from a packing task and 4 chunks to 2, and a training step (2 threads) from 1.81 to 1.62 ms
 * (in-process A/B, medians of 40 alternating blocks of 25 steps). Larger products (sgemm n ≥ 256,
 * W-CNN's convolutions with thousands of columns) keep guided chunks, which balance a long tail.
 */
const EVEN_SPLIT_WORK = 1 << 24;
const EVEN_SPLIT_EXTENT = 1024;
/** Largest operand packed once for all chunks (4 MiB: an n = 1024 square; larger ones are packed by each chunk). */
const PACK_FLOATS = 1 << 20;
/** Smallest: below it (a convolution's 32×9 weights) packing per chunk costs less than the extra hand-off. */
const PACK_MIN_FLOATS = 1 << 14;

function roundUp(x: number, unit: number): number {
  return Math.ceil(x / unit) * unit;
}
const NO_FLOATS: readonly number[] = [];

/** Writes up to 16 values into a reused list (unused slots, zeros here, are never read by the task). */
function setArgs(list: number[], a0: number, a1: number, a2: number, a3: number, a4: number, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0,
  a12 = 0, a13 = 0, a14 = 0, a15 = 0): number[] {
  list[0] = a0; list[1] = a1; list[2] = a2; list[3] = a3; list[4] = a4; list[5] = a5;
  if (list.length > 6) {
    list[6] = a6; list[7] = a7; list[8] = a8; list[9] = a9; list[10] = a10; list[11] = a11; list[12] = a12; list[13] = a13; list[14] = a14; list[15] = a15;
  }
  return list;
}

/** Index of the only axis longer than 1, or -1 (none, or several). */
function singleAxis(shape: readonly number[]): number {
  let found = -1;
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    if (found >= 0) return -1;
    found = d;
  }
  return found;
}

/** The fused dense forward from the reference kernels, for arrays outside the wasm memory. */
function denseReference(x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, m: number, k: number, n: number, activation: 'linear' | 'relu'): void {
  cpuKernels.matmul(x, w, out, m, k, n, false, false);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const v = out[i * n + j] + (bias ? bias[j] : 0);
      out[i * n + j] = activation === 'relu' ? (v > 0 ? v : 0) : v;
    }
  }
}

/** out += op(a)·op(b) from the reference kernels, for arrays outside the wasm memory. */
function matmulAccumulateReference(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
  const product = new Float32Array(m * n);
  cpuKernels.matmul(a, b, product, m, k, n, transA, transB);
  for (let i = 0; i < product.length; i++) out[i] += product[i];
}

/** The same Adam update in plain TypeScript, for arrays outside the wasm memory. */
function adamReference(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array,
  lr: number, beta1: number, beta2: number, eps: number, step: number, weightDecay: number, zeroGrad: boolean): void {
  const stepSize = lr / (1 - beta1 ** step);
  const invBc2Sqrt = 1 / Math.sqrt(1 - beta2 ** step);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] + weightDecay * p[i];
    if (zeroGrad) g[i] = 0;
    m[i] = beta1 * m[i] + (1 - beta1) * gi;
    v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
    p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) * invBc2Sqrt + eps);
  }
}
