// The register-blocked inner kernel of the matrix product (assembly/gemm.ts): an MR×NR (6×8) block
// of C (6×8 or 4×8) accumulated over one k-block of packed panels (assembly/gemm-pack.ts), then stored.

import { madd } from './madd';
import { MR, NR } from './gemm-tile';

/**
 * Stores one row of a register block: C (+ the C already there, when accumulate) and, in the last
 * k-block of a fused dense layer (`epilogue`), + the bias, then ReLU.
 */
@inline export function updateRow(dst: usize, lo: v128, hi: v128, accumulate: bool, epilogue: bool, biasLo: v128, biasHi: v128, relu: bool): void {
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
@inline export function finish(v: f32, bias: usize, j: i32, relu: bool): f32 {
  const x = bias != 0 ? v + load<f32>(bias + (<usize>j << 2)) : v;
  return relu ? (x > 0 ? x : 0) : x;
}

/**
 * Writes (or adds, when accumulate) the mr×nr valid part of an MR×NR register block (its accumulators
 * c00…c51) into C at `c` (row stride `ldc` floats), with the epilogue's bias and ReLU: the end of
 * microKernel and of microKernelSkip (assembly/gemm-micro-skip.ts). Inlined, so the accumulators stay
 * in registers.
 */
@inline export function storeBlock(c: usize, ldc: i32, mr: i32, nr: i32, accumulate: bool, tile: usize, epilogue: bool, bias: usize, relu: bool,
  c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128, c30: v128, c31: v128, c40: v128, c41: v128, c50: v128, c51: v128): void {
  const rowBytes = <usize>ldc << 2;
  if (mr == MR && nr == NR) {
    const withBias = epilogue && bias != 0;
    const bLo = withBias ? v128.load(bias) : f32x4.splat(0);
    const bHi = withBias ? v128.load(bias, 16) : f32x4.splat(0);
    updateRow(c, c00, c01, accumulate, epilogue, bLo, bHi, relu);
    updateRow(c + rowBytes, c10, c11, accumulate, epilogue, bLo, bHi, relu);
    updateRow(c + 2 * rowBytes, c20, c21, accumulate, epilogue, bLo, bHi, relu);
    updateRow(c + 3 * rowBytes, c30, c31, accumulate, epilogue, bLo, bHi, relu);
    if (MR == 6) {
      updateRow(c + 4 * rowBytes, c40, c41, accumulate, epilogue, bLo, bHi, relu);
      updateRow(c + 5 * rowBytes, c50, c51, accumulate, epilogue, bLo, bHi, relu);
    }
    return;
  }
  // Edge block: spill to the tile, then copy the valid part.
  v128.store(tile, c00); v128.store(tile, c01, 16);
  v128.store(tile, c10, 32); v128.store(tile, c11, 48);
  v128.store(tile, c20, 64); v128.store(tile, c21, 80);
  v128.store(tile, c30, 96); v128.store(tile, c31, 112);
  if (MR == 6) {
    v128.store(tile, c40, 128); v128.store(tile, c41, 144);
    v128.store(tile, c50, 160); v128.store(tile, c51, 176);
  }
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

/**
 * The MR×NR register block (6×8 or 4×8, see assembly/gemm-tile.ts): MR·2 f32x4 accumulators, two B
 * vectors and one broadcast A value per k-step; rows 4 and 5 exist only in the 6-row build. Writes (or adds, when accumulate) the
 * mr×nr valid part of the block into C; with `epilogue`, adds the bias (`bias` points at the block's
 * first column, 0 for none) and applies ReLU when `relu`. `tile` holds MR·NR floats for edge blocks.
 */
export function microKernel(ap: usize, bp: usize, kc: i32, c: usize, ldc: i32, mr: i32, nr: i32, accumulate: bool, tile: usize,
  epilogue: bool, bias: usize, relu: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  let c50 = f32x4.splat(0), c51 = f32x4.splat(0);
  // One k-step per iteration: unrolled, the optimisers interleave the steps and keep more B vectors
  // live than registers allow, spilling accumulators to the stack (seen in V8's x64 code).
  for (let p = 0; p < kc; p++, ap += MR * 4, bp += NR * 4) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    if (MR == 6) {
      a = v128.load32_splat(ap, 16);
      c40 = madd(a, b0, c40); c41 = madd(a, b1, c41);
      a = v128.load32_splat(ap, 20);
      c50 = madd(a, b0, c50); c51 = madd(a, b1, c51);
    }
  }
  storeBlock(c, ldc, mr, nr, accumulate, tile, epilogue, bias, relu, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
}

/**
 * The same product for a bottom edge of at most 4 rows in the 6-row build (m = 64 leaves 4 rows,
 * m = 32 leaves 2): rows 4 and 5 of the panel are zero padding, so only four are accumulated. A
 * separate function: a second loop inside microKernel made V8 spill its accumulators (half speed).
 */
export function microKernelShort(ap: usize, bp: usize, kc: i32, c: usize, ldc: i32, mr: i32, nr: i32, accumulate: bool, tile: usize,
  epilogue: bool, bias: usize, relu: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++, ap += MR * 4, bp += NR * 4) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
  }
  const rowBytes = <usize>ldc << 2;
  if (nr == NR) {
    const withBias = epilogue && bias != 0;
    const bLo = withBias ? v128.load(bias) : f32x4.splat(0);
    const bHi = withBias ? v128.load(bias, 16) : f32x4.splat(0);
    updateRow(c, c00, c01, accumulate, epilogue, bLo, bHi, relu);
    if (mr > 1) updateRow(c + rowBytes, c10, c11, accumulate, epilogue, bLo, bHi, relu);
    if (mr > 2) updateRow(c + 2 * rowBytes, c20, c21, accumulate, epilogue, bLo, bHi, relu);
    if (mr > 3) updateRow(c + 3 * rowBytes, c30, c31, accumulate, epilogue, bLo, bHi, relu);
    return;
  }
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
