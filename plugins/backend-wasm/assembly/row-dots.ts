// Dot products of rows for the products a blocked kernel handles badly (see rowDots).

import { madd } from './madd';

@inline function imin(a: i32, b: i32): i32 {
  return a < b ? a : b;
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
 * Rows past the edge of a block repeat the last valid row and their sums are dropped. With
 * `positions` > 0, A is image-major along k (assembly/image-major.ts): the dot products run over one
 * image's run of each row at a time.
 */
export function rowDots(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, i0: i32, i1: i32, j0: i32, j1: i32, positions: i32): void {
  // A run is a stretch of k along which A's rows are contiguous: all of k, or one image.
  const run = positions > 0 ? positions : k;
  const aRow = <usize>run << 2;
  const aImage = positions > 0 ? (<usize>m * <usize>positions) << 2 : 0;
  const bRow = <usize>k << 2;
  for (let i = i0; i < i1; i += 4) {
    const r1 = <usize>imin(i + 1, i1 - 1), r2 = <usize>imin(i + 2, i1 - 1), r3 = <usize>imin(i + 3, i1 - 1);
    for (let j = j0; j < j1; j += 2) {
      const bj0 = b + <usize>j * bRow;
      const bj1 = b + <usize>imin(j + 1, j1 - 1) * bRow;
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
      let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
      // Sums of the ragged ends of the runs.
      let d00: f32 = 0, d01: f32 = 0, d10: f32 = 0, d11: f32 = 0, d20: f32 = 0, d21: f32 = 0, d30: f32 = 0, d31: f32 = 0;
      for (let p0 = 0, img: usize = 0; p0 < k; p0 += run, img++) {
        const len = imin(run, k - p0);
        const a0 = a + img * aImage + <usize>i * aRow;
        const a1 = a + img * aImage + r1 * aRow;
        const a2 = a + img * aImage + r2 * aRow;
        const a3 = a + img * aImage + r3 * aRow;
        const b0 = bj0 + (<usize>p0 << 2);
        const b1 = bj1 + (<usize>p0 << 2);
        let p = 0;
        for (; p + 4 <= len; p += 4) {
          const off = <usize>p << 2;
          const x0 = v128.load(b0 + off);
          const x1 = v128.load(b1 + off);
          let y = v128.load(a0 + off);
          s00 = madd(y, x0, s00); s01 = madd(y, x1, s01);
          y = v128.load(a1 + off);
          s10 = madd(y, x0, s10); s11 = madd(y, x1, s11);
          y = v128.load(a2 + off);
          s20 = madd(y, x0, s20); s21 = madd(y, x1, s21);
          y = v128.load(a3 + off);
          s30 = madd(y, x0, s30); s31 = madd(y, x1, s31);
        }
        for (; p < len; p++) {
          const off = <usize>p << 2;
          const x0 = load<f32>(b0 + off), x1 = load<f32>(b1 + off);
          const y0 = load<f32>(a0 + off), y1 = load<f32>(a1 + off), y2 = load<f32>(a2 + off), y3 = load<f32>(a3 + off);
          d00 += y0 * x0; d01 += y0 * x1; d10 += y1 * x0; d11 += y1 * x1;
          d20 += y2 * x0; d21 += y2 * x1; d30 += y3 * x0; d31 += y3 * x1;
        }
      }
      const rows = imin(4, i1 - i);
      const both = j + 1 < j1;
      const at = c + ((<usize>i * <usize>n + <usize>j) << 2);
      const ldc = <usize>n << 2;
      store<f32>(at, lanes(s00) + d00); if (both) store<f32>(at, lanes(s01) + d01, 4);
      if (rows > 1) { store<f32>(at + ldc, lanes(s10) + d10); if (both) store<f32>(at + ldc, lanes(s11) + d11, 4); }
      if (rows > 2) { store<f32>(at + 2 * ldc, lanes(s20) + d20); if (both) store<f32>(at + 2 * ldc, lanes(s21) + d21, 4); }
      if (rows > 3) { store<f32>(at + 3 * ldc, lanes(s30) + d30); if (both) store<f32>(at + 3 * ldc, lanes(s31) + d31, 4); }
    }
  }
}
