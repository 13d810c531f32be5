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
 * Rows past the edge of a block repeat the last valid row and their sums are dropped.
 */
export function rowDots(a: usize, b: usize, c: usize, k: i32, n: i32, i0: i32, i1: i32, j0: i32, j1: i32): void {
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
        s00 = madd(y, x0, s00); s01 = madd(y, x1, s01);
        y = v128.load(a1 + off);
        s10 = madd(y, x0, s10); s11 = madd(y, x1, s11);
        y = v128.load(a2 + off);
        s20 = madd(y, x0, s20); s21 = madd(y, x1, s21);
        y = v128.load(a3 + off);
        s30 = madd(y, x0, s30); s31 = madd(y, x1, s31);
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
