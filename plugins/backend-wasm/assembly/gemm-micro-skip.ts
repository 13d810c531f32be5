// The micro-kernel (assembly/gemm-micro.ts) for a panel of A with its all-zero k-steps left out: raw
// image pixels are mostly zeros (an MNIST digit's about four fifths; where any of 6 rows is non-zero,
// about two fifths of the steps), so the first dense layer of an image model multiplies mostly zeros.
// The packed panel is compacted to the steps where one of its MR rows is non-zero (compactPanel), and
// the kernel reads B at their offsets. The values are exactly microKernel's: each accumulator gets the
// same multiply-adds in the same order of k, less those of a zero of A, which add a ±0 product and
// leave the sum as it is (a zero of A against an infinite or NaN weight is the exception: the full
// product makes it NaN).

import { madd } from './madd';
import { MR, NR } from './gemm-tile';
import { storeBlock } from './gemm-micro';

/**
 * Copies the k-steps of one packed MR-row panel of A (kc steps of MR floats at `ap`) that hold a
 * non-zero (NaN counts) to `dst`, and the byte offset of each step's row in an NR-column panel of B
 * (p·NR·4) to `offs`; returns how many there are (or kc, having stopped early: see below).
 */
export function compactPanel(ap: usize, kc: i32, dst: usize, offs: usize): i32 {
  let count = 0;
  const zero = f32x4.splat(0);
  // A quarter in, a panel with fewer than 1/8 of its steps zero so far is given up (returns kc: the
  // caller multiplies it whole): ReLU outputs rarely zero a step in all rows, and the scan then costs
  // about 1.5 % of the product.
  const probe = kc >= 32 ? kc >> 2 : kc;
  for (let p = 0; p < kc; p++, ap += MR * 4) {
    if (p == probe && (p - count) * 8 < p) return kc;
    const lo = v128.load(ap);
    let any = v128.any_true(f32x4.ne(lo, zero));
    if (MR == 6) any = any || v128.any_true(f32x4.ne(v128.load64_zero(ap + 16), zero));
    if (any) {
      const d = dst + (<usize>(count * MR) << 2);
      v128.store(d, lo);
      if (MR == 6) store<u64>(d, load<u64>(ap, 16), 16);
      store<i32>(offs + (<usize>count << 2), p * NR * 4);
      count++;
    }
  }
  return count;
}

/**
 * microKernel over the `count` compacted steps of a panel of A (compactPanel: `ap`, `offs`) against
 * the NR-column panel of B at `bp`; the other arguments as microKernel's.
 */
export function microKernelSkip(ap: usize, bp: usize, offs: usize, count: i32, c: usize, ldc: i32, mr: i32, nr: i32, accumulate: bool, tile: usize,
  epilogue: bool, bias: usize, relu: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  let c50 = f32x4.splat(0), c51 = f32x4.splat(0);
  for (let t = 0; t < count; t++, ap += MR * 4) {
    const b = bp + <usize>load<i32>(offs + (<usize>t << 2));
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
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
