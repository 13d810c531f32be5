// Single-precision matrix product C = op(A)·op(B), blocked as in Goto & van de Geijn,
// "Anatomy of High-Performance Matrix Multiplication" (ACM TOMS 2008): B is packed into
// KC×NR column panels that stay in L1/L2, A into MC×KC row panels (MR rows interleaved), and a
// register-blocked MR×NR micro-kernel accumulates with f32x4 vectors. Transposes only change how
// the packing routines read (assembly/gemm-pack.ts), so all four variants share the same inner kernel
// (assembly/gemm-micro.ts).

import { MR, NR } from './gemm-tile';
import { finish, microKernel, microKernelShort } from './gemm-micro';
import { packA, packB } from './gemm-pack';
import { rowDots } from './row-dots';
import { imageMajorAt, NCHW_A, NCHW_B, NCHW_C, storeTileAcrossImages } from './image-major';

export { MR, NR };
export const KC: i32 = 256;
/** Rows of a packed A block: a multiple of both tile heights (6 and 4). */
export const MC: i32 = 120;
export const NC: i32 = 512;

@inline function imin(a: i32, b: i32): i32 {
  return a < b ? a : b;
}

/** Floats of scratch one thread needs: packed A block, packed B block and an MR×NR edge tile. */
export const SCRATCH_FLOATS: i32 = MC * KC + KC * NC + MR * NR;

/** C has at most this many columns for rowDots to replace the packed kernel. */
const ROW_DOTS_MAX_N: i32 = 16;
/** ... and the rows are at least this long. */
const ROW_DOTS_MIN_K: i32 = 512;

/** Rows of a whole op(A) packed by packWhole: m rounded up to the tile height. */
@inline function paddedRows(m: i32): i32 {
  return (m + MR - 1) / MR * MR;
}

/** Columns of a whole op(B) packed by packWhole: n rounded up to the tile width. */
@inline function paddedCols(n: i32): i32 {
  return (n + NR - 1) / NR * NR;
}

/** The k-block length gemmBlock uses for depth k: equal blocks of at most KC. */
@inline function kBlockLength(k: i32): i32 {
  const kBlocks = (k + KC - 1) / KC;
  return (k + kBlocks - 1) / kBlocks;
}

/**
 * Packs rows (which = 0: op(A)) or columns (1: op(B)) [start, end) of the whole operand at `dst`,
 * in gemmBlock's k-blocks, as the panels gemmBlock would pack for itself: A's block of depth pc at
 * dst + pc·paddedRows(m) floats, rows from i at + i·kc; B's at dst + pc·paddedCols(n), columns from
 * j at + j·kc (start on a tile edge). Run, split between the threads, before a product whose chunks
 * of C would each pack that operand again for themselves; they then share this copy.
 */
export function packWhole(which: i32, src: usize, trans: bool, m: i32, k: i32, n: i32, dst: usize, nchw: i32, positions: i32, start: i32, end: i32): void {
  const kStep = kBlockLength(k);
  for (let pc = 0; pc < k; pc += kStep) {
    const kc = imin(kStep, k - pc);
    if (which == 0) {
      packA(src, trans, m, k, start, end - start, pc, kc, dst + (<usize>(pc * paddedRows(m) + start * kc) << 2), nchw == NCHW_A ? positions : 0);
    } else {
      packB(src, trans, k, n, pc, kc, start, end - start, dst + (<usize>(pc * paddedCols(n) + start * kc) << 2), nchw == NCHW_B ? positions : 0);
    }
  }
}

/**
 * Computes rows i0..i1 and columns j0..j1 of C[m×n] = op(A)·op(B), where op(A) is m×k and op(B) is
 * k×n. `scratch` holds SCRATCH_FLOATS floats owned by the calling thread; two threads may compute
 * disjoint blocks of the same C at once. A dense layer's bias (n floats at `bias`, 0 for none) and
 * ReLU (`relu`) are applied as the last k-block is stored, so C is written once, finished.
 * `nchw` (assembly/image-major.ts) names an operand — A, B or C, not transposed, without epilogue —
 * stored image-major with `positions` columns per image: a convolution's output or its gradient.
 * With `accumulate`, the product is added to the C already there (a gradient summed in place).
 * `packedA` / `packedB` (0: none) hold the whole operand packed by packWhole; i0 (or j0) then falls
 * on a tile edge, and the block reads those panels instead of packing its own.
 */
export function gemmBlock(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, transA: bool, transB: bool,
  i0: i32, i1: i32, j0: i32, j1: i32, scratch: usize, bias: usize, relu: bool, nchw: i32, positions: i32,
  accumulate: bool, packedA: usize, packedB: usize): void {
  const epilogue = bias != 0 || relu;
  const aImages = nchw == NCHW_A ? positions : 0;
  const bImages = nchw == NCHW_B ? positions : 0;
  const cImages = nchw == NCHW_C ? positions : 0;
  if (!epilogue && !accumulate && !transA && transB && cImages == 0 && bImages == 0 && n <= ROW_DOTS_MAX_N && k >= ROW_DOTS_MIN_K) {
    rowDots(a, b, c, m, k, n, i0, i1, j0, j1, aImages);
    return;
  }
  if (k == 0) {
    for (let i = i0; i < i1; i++) {
      for (let j = j0; j < j1; j++) {
        const at = cImages > 0 ? imageMajorAt(c, m, cImages, i, j) : c + ((<usize>i * <usize>n + <usize>j) << 2);
        const sum: f32 = accumulate ? load<f32>(at) : 0;
        store<f32>(at, epilogue ? finish(sum, bias, j, relu) : sum);
      }
    }
    return;
  }
  const ownA = scratch;
  const ownB = scratch + (<usize>(MC * KC) << 2);
  const tile = ownB + (<usize>(KC * NC) << 2);
  // Equal k-blocks (288 → 144 + 144, not 256 + 32): a thin last block would pay a full pass of
  // loads and stores of C for little arithmetic.
  const kStep = kBlockLength(k);
  const rowsA = paddedRows(m);
  const colsB = paddedCols(n);
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = imin(NC, j1 - jc);
    for (let pc = 0; pc < k; pc += kStep) {
      const kc = imin(kStep, k - pc);
      let pb = ownB;
      if (packedB != 0) pb = packedB + (<usize>(pc * colsB + jc * kc) << 2);
      else packB(b, transB, k, n, pc, kc, jc, nc, pb, bImages);
      const add = accumulate || pc > 0;
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = imin(MC, i1 - ic);
        let pa = ownA;
        if (packedA != 0) pa = packedA + (<usize>(pc * rowsA + ic * kc) << 2);
        else packA(a, transA, m, k, ic, mc, pc, kc, pa, aImages);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = imin(NR, nc - jr);
          const bp = pb + (<usize>(jr * kc) << 2);
          const j = jc + jr;
          const acrossImages = cImages > 0 && j % cImages + nr > cImages;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = imin(MR, mc - ir);
            const ap = pa + (<usize>(ir * kc) << 2);
            const i = ic + ir;
            // Within one image, an image-major C's rows are runs with stride `positions`.
            const cp = cImages == 0 ? c + ((<usize>i * <usize>n + <usize>j) << 2) : imageMajorAt(c, m, cImages, i, j);
            const ldc = cImages == 0 ? n : cImages;
            if (MR == 6 && mr <= 4 && !acrossImages) {
              microKernelShort(ap, bp, kc, cp, ldc, mr, nr, add, tile, epilogue && pc + kc >= k, bias != 0 ? bias + (<usize>j << 2) : 0, relu);
            } else if (!acrossImages) {
              microKernel(ap, bp, kc, cp, ldc, mr, nr, add, tile, epilogue && pc + kc >= k, bias != 0 ? bias + (<usize>j << 2) : 0, relu);
            } else {
              microKernel(ap, bp, kc, tile, NR, MR, NR, false, tile, false, 0, false);
              storeTileAcrossImages(tile, NR, c, m, cImages, i, j, mr, nr, add);
            }
          }
        }
      }
    }
  }
}
