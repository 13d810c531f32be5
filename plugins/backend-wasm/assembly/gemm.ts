// Single-precision matrix product C = op(A)·op(B), blocked as in Goto & van de Geijn,
// "Anatomy of High-Performance Matrix Multiplication" (ACM TOMS 2008): B is packed into
// KC×NR column panels that stay in L1/L2, A into MC×KC row panels (MR rows interleaved), and a
// register-blocked MR×NR micro-kernel accumulates with f32x4 vectors. Transposes only change how
// the packing routines read, so all four variants share the same inner kernel.

import { zeroBytes } from './memory-ops';

export const MR: i32 = 4;
export const NR: i32 = 8;
export const KC: i32 = 256;
export const MC: i32 = 128;
export const NC: i32 = 512;

/** Floats of scratch one thread needs: packed A block, packed B block and an MR×NR edge tile. */
export const SCRATCH_FLOATS: i32 = MC * KC + KC * NC + MR * NR;

@inline function imin(a: i32, b: i32): i32 {
  return a < b ? a : b;
}

/** 4×4 transpose of four row vectors (lanes 0..3 of r0..r3 become rows of the result). */
@inline function storeTransposed4(dst: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 16);
  v128.store(dst, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 32);
  v128.store(dst, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 48);
}

/**
 * Packs rows ic..ic+mc, columns pc..pc+kc of op(A) into MR-row panels: panel r holds, for each p,
 * the MR values A[ic + r·MR + ii, pc + p] contiguously (zero-padded past mc).
 */
function packA(a: usize, transA: bool, m: i32, k: i32, ic: i32, mc: i32, pc: i32, kc: i32, dst: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = imin(MR, mc - ir);
    let d = dst + (<usize>(ir * kc) << 2);
    if (transA) {
      // A is stored k×m: the MR values for one p are contiguous.
      let src = a + ((<usize>pc * <usize>m + <usize>(ic + ir)) << 2);
      const stride = <usize>m << 2;
      if (mr == MR) {
        for (let p = 0; p < kc; p++, src += stride, d += 16) v128.store(d, v128.load(src));
      } else {
        for (let p = 0; p < kc; p++, src += stride, d += 16) {
          for (let ii = 0; ii < MR; ii++) store<f32>(d + (<usize>ii << 2), ii < mr ? load<f32>(src + (<usize>ii << 2)) : 0);
        }
      }
    } else {
      // A is stored m×k: read MR rows along p and transpose 4×4 blocks.
      const row0 = a + ((<usize>(ic + ir) * <usize>k + <usize>pc) << 2);
      const rowStride = <usize>k << 2;
      if (mr == MR) {
        let p = 0;
        for (; p + 4 <= kc; p += 4, d += 64) {
          const off = <usize>p << 2;
          storeTransposed4(d,
            v128.load(row0 + off), v128.load(row0 + rowStride + off),
            v128.load(row0 + 2 * rowStride + off), v128.load(row0 + 3 * rowStride + off));
        }
        for (; p < kc; p++, d += 16) {
          const off = <usize>p << 2;
          store<f32>(d, load<f32>(row0 + off));
          store<f32>(d, load<f32>(row0 + rowStride + off), 4);
          store<f32>(d, load<f32>(row0 + 2 * rowStride + off), 8);
          store<f32>(d, load<f32>(row0 + 3 * rowStride + off), 12);
        }
      } else {
        for (let p = 0; p < kc; p++, d += 16) {
          const off = <usize>p << 2;
          for (let ii = 0; ii < MR; ii++) store<f32>(d + (<usize>ii << 2), ii < mr ? load<f32>(row0 + <usize>ii * rowStride + off) : 0);
        }
      }
    }
  }
}

/**
 * Packs rows pc..pc+kc, columns jc..jc+nc of op(B) into NR-column panels: panel r holds, for each p,
 * the NR values B[pc + p, jc + r·NR + jj] contiguously (zero-padded past nc).
 */
function packB(b: usize, transB: bool, k: i32, n: i32, pc: i32, kc: i32, jc: i32, nc: i32, dst: usize): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = imin(NR, nc - jr);
    let d = dst + (<usize>(jr * kc) << 2);
    if (!transB) {
      // B is stored k×n: the NR values for one p are contiguous.
      let src = b + ((<usize>pc * <usize>n + <usize>(jc + jr)) << 2);
      const stride = <usize>n << 2;
      if (nr == NR) {
        for (let p = 0; p < kc; p++, src += stride, d += 32) {
          v128.store(d, v128.load(src));
          v128.store(d, v128.load(src, 16), 16);
        }
      } else {
        for (let p = 0; p < kc; p++, src += stride, d += 32) {
          for (let jj = 0; jj < NR; jj++) store<f32>(d + (<usize>jj << 2), jj < nr ? load<f32>(src + (<usize>jj << 2)) : 0);
        }
      }
    } else {
      // B is stored n×k: column j of op(B) is row j of B, contiguous along p.
      const col0 = b + ((<usize>(jc + jr) * <usize>k + <usize>pc) << 2);
      const colStride = <usize>k << 2;
      if (nr == NR) {
        let p = 0;
        for (; p + 4 <= kc; p += 4, d += 128) {
          const off = <usize>p << 2;
          // Two 4×4 transposes give 4 rows of 8: lanes 0..3 from columns 0..3, 4..7 from 4..7.
          const lo0 = v128.load(col0 + off);
          const lo1 = v128.load(col0 + colStride + off);
          const lo2 = v128.load(col0 + 2 * colStride + off);
          const lo3 = v128.load(col0 + 3 * colStride + off);
          const hi0 = v128.load(col0 + 4 * colStride + off);
          const hi1 = v128.load(col0 + 5 * colStride + off);
          const hi2 = v128.load(col0 + 6 * colStride + off);
          const hi3 = v128.load(col0 + 7 * colStride + off);
          storeTransposedPair(d, lo0, lo1, lo2, lo3, hi0, hi1, hi2, hi3);
        }
        for (; p < kc; p++, d += 32) {
          const off = <usize>p << 2;
          for (let jj = 0; jj < NR; jj++) store<f32>(d + (<usize>jj << 2), load<f32>(col0 + <usize>jj * colStride + off));
        }
      } else {
        for (let p = 0; p < kc; p++, d += 32) {
          const off = <usize>p << 2;
          for (let jj = 0; jj < NR; jj++) store<f32>(d + (<usize>jj << 2), jj < nr ? load<f32>(col0 + <usize>jj * colStride + off) : 0);
        }
      }
    }
  }
}

/** Writes 4 packed B rows of 8 from two groups of four columns (each column holds 4 consecutive p). */
@inline function storeTransposedPair(d: usize, a0: v128, a1: v128, a2: v128, a3: v128, b0: v128, b1: v128, b2: v128, b3: v128): void {
  const s0 = v128.shuffle<f32>(a0, a1, 0, 4, 1, 5);
  const s1 = v128.shuffle<f32>(a2, a3, 0, 4, 1, 5);
  const s2 = v128.shuffle<f32>(a0, a1, 2, 6, 3, 7);
  const s3 = v128.shuffle<f32>(a2, a3, 2, 6, 3, 7);
  const u0 = v128.shuffle<f32>(b0, b1, 0, 4, 1, 5);
  const u1 = v128.shuffle<f32>(b2, b3, 0, 4, 1, 5);
  const u2 = v128.shuffle<f32>(b0, b1, 2, 6, 3, 7);
  const u3 = v128.shuffle<f32>(b2, b3, 2, 6, 3, 7);
  v128.store(d, v128.shuffle<f32>(s0, s1, 0, 1, 4, 5));
  v128.store(d, v128.shuffle<f32>(u0, u1, 0, 1, 4, 5), 16);
  v128.store(d, v128.shuffle<f32>(s0, s1, 2, 3, 6, 7), 32);
  v128.store(d, v128.shuffle<f32>(u0, u1, 2, 3, 6, 7), 48);
  v128.store(d, v128.shuffle<f32>(s2, s3, 0, 1, 4, 5), 64);
  v128.store(d, v128.shuffle<f32>(u2, u3, 0, 1, 4, 5), 80);
  v128.store(d, v128.shuffle<f32>(s2, s3, 2, 3, 6, 7), 96);
  v128.store(d, v128.shuffle<f32>(u2, u3, 2, 3, 6, 7), 112);
}

/**
 * Stores one row of a register block: C (+ the C already there, when accumulate) and, in the last
 * k-block of a fused dense layer (`epilogue`), + the bias, then ReLU.
 */
@inline function updateRow(dst: usize, lo: v128, hi: v128, accumulate: bool, epilogue: bool, biasLo: v128, biasHi: v128, relu: bool): void {
  let l = lo;
  let h = hi;
  if (accumulate) {
    l = f32x4.add(v128.load(dst), l);
    h = f32x4.add(v128.load(dst, 16), h);
  }
  if (epilogue) {
    l = f32x4.add(l, biasLo);
    h = f32x4.add(h, biasHi);
    if (relu) {
      // x > 0 ? x : 0, NaN → 0, as the ReLU kernel.
      l = v128.and(l, f32x4.gt(l, f32x4.splat(0)));
      h = v128.and(h, f32x4.gt(h, f32x4.splat(0)));
    }
  }
  v128.store(dst, l);
  v128.store(dst, h, 16);
}

/** The last step of a fused dense layer for one value: + bias, then ReLU. */
@inline function finish(v: f32, bias: usize, j: i32, relu: bool): f32 {
  const x = bias != 0 ? v + load<f32>(bias + (<usize>j << 2)) : v;
  return relu ? (x > 0 ? x : 0) : x;
}

/**
 * The MR×NR (4×8) register block: eight f32x4 accumulators, two B vectors and one broadcast A value
 * per step fit the 16 vector registers of x86-64. Writes (or adds, when accumulate) the mr×nr valid
 * part of the block into C; with `epilogue`, adds the bias (`bias` points at the block's first
 * column, 0 for none) and applies ReLU when `relu`.
 */
function microKernel(ap: usize, bp: usize, kc: i32, c: usize, ldc: i32, mr: i32, nr: i32, accumulate: bool, tile: usize,
  epilogue: bool, bias: usize, relu: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  // One k-step per iteration: unrolled by two, the optimisers interleave the steps and keep four B
  // vectors live, which spills accumulators to the stack (seen in V8's x64 code for this loop).
  for (let p = 0; p < kc; p++, ap += 16, bp += 32) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
  }
  const rowBytes = <usize>ldc << 2;
  if (mr == MR && nr == NR) {
    const withBias = epilogue && bias != 0;
    const bLo = withBias ? v128.load(bias) : f32x4.splat(0);
    const bHi = withBias ? v128.load(bias, 16) : f32x4.splat(0);
    updateRow(c, c00, c01, accumulate, epilogue, bLo, bHi, relu);
    updateRow(c + rowBytes, c10, c11, accumulate, epilogue, bLo, bHi, relu);
    updateRow(c + 2 * rowBytes, c20, c21, accumulate, epilogue, bLo, bHi, relu);
    updateRow(c + 3 * rowBytes, c30, c31, accumulate, epilogue, bLo, bHi, relu);
    return;
  }
  // Edge block: spill to the tile, then copy the valid part.
  v128.store(tile, c00); v128.store(tile, c01, 16);
  v128.store(tile, c10, 32); v128.store(tile, c11, 48);
  v128.store(tile, c20, 64); v128.store(tile, c21, 80);
  v128.store(tile, c30, 96); v128.store(tile, c31, 112);
  for (let i = 0; i < mr; i++) {
    const row = c + <usize>i * rowBytes;
    for (let j = 0; j < nr; j++) {
      const v = load<f32>(tile + (<usize>(i * NR + j) << 2));
      const at = row + (<usize>j << 2);
      const sum = accumulate ? load<f32>(at) + v : v;
      store<f32>(at, epilogue ? finish(sum, bias, j, relu) : sum);
    }
  }
}

/** Sum of the four lanes. */
@inline function lanes(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/**
 * Rows i0..i1, columns j0..j1 of C = A·Bᵀ for A [m×k] and B [n×k], as dot products of rows (4 rows
 * of A by 2 of B at a time, eight f32x4 accumulators). For a few long columns — a convolution's
 * weight gradient, k = batch × positions, n = kernel taps — packing would move about as many floats
 * as the product multiplies; here every float is loaded once per block and nothing is copied.
 * Rows past the edge of a block repeat the last valid row and their sums are dropped.
 */
function rowDots(a: usize, b: usize, c: usize, k: i32, n: i32, i0: i32, i1: i32, j0: i32, j1: i32): void {
  const row = <usize>k << 2;
  for (let i = i0; i < i1; i += 4) {
    const a0 = a + <usize>i * row;
    const a1 = a + <usize>imin(i + 1, i1 - 1) * row;
    const a2 = a + <usize>imin(i + 2, i1 - 1) * row;
    const a3 = a + <usize>imin(i + 3, i1 - 1) * row;
    for (let j = j0; j < j1; j += 2) {
      const b0 = b + <usize>j * row;
      const b1 = b + <usize>imin(j + 1, j1 - 1) * row;
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
      let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
      let p = 0;
      for (; p + 4 <= k; p += 4) {
        const off = <usize>p << 2;
        const x0 = v128.load(b0 + off);
        const x1 = v128.load(b1 + off);
        let y = v128.load(a0 + off);
        s00 = f32x4.add(s00, f32x4.mul(y, x0)); s01 = f32x4.add(s01, f32x4.mul(y, x1));
        y = v128.load(a1 + off);
        s10 = f32x4.add(s10, f32x4.mul(y, x0)); s11 = f32x4.add(s11, f32x4.mul(y, x1));
        y = v128.load(a2 + off);
        s20 = f32x4.add(s20, f32x4.mul(y, x0)); s21 = f32x4.add(s21, f32x4.mul(y, x1));
        y = v128.load(a3 + off);
        s30 = f32x4.add(s30, f32x4.mul(y, x0)); s31 = f32x4.add(s31, f32x4.mul(y, x1));
      }
      let d00 = lanes(s00), d01 = lanes(s01), d10 = lanes(s10), d11 = lanes(s11);
      let d20 = lanes(s20), d21 = lanes(s21), d30 = lanes(s30), d31 = lanes(s31);
      for (; p < k; p++) {
        const off = <usize>p << 2;
        const x0 = load<f32>(b0 + off), x1 = load<f32>(b1 + off);
        const y0 = load<f32>(a0 + off), y1 = load<f32>(a1 + off), y2 = load<f32>(a2 + off), y3 = load<f32>(a3 + off);
        d00 += y0 * x0; d01 += y0 * x1; d10 += y1 * x0; d11 += y1 * x1;
        d20 += y2 * x0; d21 += y2 * x1; d30 += y3 * x0; d31 += y3 * x1;
      }
      const rows = imin(4, i1 - i);
      const both = j + 1 < j1;
      const at = c + ((<usize>i * <usize>n + <usize>j) << 2);
      const ldc = <usize>n << 2;
      store<f32>(at, d00); if (both) store<f32>(at, d01, 4);
      if (rows > 1) { store<f32>(at + ldc, d10); if (both) store<f32>(at + ldc, d11, 4); }
      if (rows > 2) { store<f32>(at + 2 * ldc, d20); if (both) store<f32>(at + 2 * ldc, d21, 4); }
      if (rows > 3) { store<f32>(at + 3 * ldc, d30); if (both) store<f32>(at + 3 * ldc, d31, 4); }
    }
  }
}

/** C has at most this many columns for rowDots to replace the packed kernel. */
const ROW_DOTS_MAX_N: i32 = 16;
/** ... and the rows are at least this long. */
const ROW_DOTS_MIN_K: i32 = 512;

/**
 * Computes rows i0..i1 and columns j0..j1 of C[m×n] = op(A)·op(B), where op(A) is m×k and op(B) is
 * k×n. `scratch` holds SCRATCH_FLOATS floats owned by the calling thread; two threads may compute
 * disjoint blocks of the same C at once. A dense layer's bias (n floats at `bias`, 0 for none) and
 * ReLU (`relu`) are applied as the last k-block is stored, so C is written once, finished.
 */
export function gemmBlock(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, transA: bool, transB: bool,
  i0: i32, i1: i32, j0: i32, j1: i32, scratch: usize, bias: usize, relu: bool): void {
  const epilogue = bias != 0 || relu;
  if (!epilogue && !transA && transB && n <= ROW_DOTS_MAX_N && k >= ROW_DOTS_MIN_K) {
    rowDots(a, b, c, k, n, i0, i1, j0, j1);
    return;
  }
  if (k == 0) {
    for (let i = i0; i < i1; i++) {
      const row = c + ((<usize>i * <usize>n) << 2);
      if (!epilogue) zeroBytes(row + (<usize>j0 << 2), <usize>(j1 - j0) << 2);
      else for (let j = j0; j < j1; j++) store<f32>(row + (<usize>j << 2), finish(0, bias, j, relu));
    }
    return;
  }
  const pa = scratch;
  const pb = scratch + (<usize>(MC * KC) << 2);
  const tile = pb + (<usize>(KC * NC) << 2);
  // Equal k-blocks (288 → 144 + 144, not 256 + 32): a thin last block would pay a full pass of
  // loads and stores of C for little arithmetic.
  const kBlocks = (k + KC - 1) / KC;
  const kStep = (k + kBlocks - 1) / kBlocks;
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = imin(NC, j1 - jc);
    for (let pc = 0; pc < k; pc += kStep) {
      const kc = imin(kStep, k - pc);
      packB(b, transB, k, n, pc, kc, jc, nc, pb);
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = imin(MC, i1 - ic);
        packA(a, transA, m, k, ic, mc, pc, kc, pa);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = imin(NR, nc - jr);
          const bp = pb + (<usize>(jr * kc) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = imin(MR, mc - ir);
            const cp = c + ((<usize>(ic + ir) * <usize>n + <usize>(jc + jr)) << 2);
            microKernel(pa + (<usize>(ir * kc) << 2), bp, kc, cp, n, mr, nr, pc > 0, tile,
              epilogue && pc + kc >= k, bias != 0 ? bias + (<usize>(jc + jr) << 2) : 0, relu);
          }
        }
      }
    }
  }
}
