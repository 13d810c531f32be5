// Packing for the blocked matrix product (assembly/gemm.ts), after Goto & van de Geijn, "Anatomy of
// High-Performance Matrix Multiplication" (ACM TOMS 2008): a block of op(A) is copied into MR-row
// panels and a block of op(B) into NR-column panels, laid out in the order the micro-kernel reads them,
// so its loop walks both with unit stride. Transposes change only how these routines read.

import { MR, NR } from './gemm-tile';
import { imageMajorAt } from './image-major';

@inline function imin(a: i32, b: i32): i32 {
  return a < b ? a : b;
}

/**
 * Four rows of four p's (r0..r3: rows 0..3 at p..p+3) into four MR-float groups: group j (at
 * dst + j·MR·4 bytes) gets rows 0..3 at p + j (rows 4 and 5 of a 6-row tile: storePairs4).
 */
@inline function storeTransposed4(dst: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), MR * 4);
  v128.store(dst, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 2 * MR * 4);
  v128.store(dst, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 3 * MR * 4);
}

/** Rows 4 and 5 at p..p+3 (r4, r5) into the last two floats of four MR-float groups. */
@inline function storePairs4(dst: usize, r4: v128, r5: v128): void {
  const lo = v128.shuffle<f32>(r4, r5, 0, 4, 1, 5);
  const hi = v128.shuffle<f32>(r4, r5, 2, 6, 3, 7);
  v128.store64_lane(dst, lo, 0, 16);
  v128.store64_lane(dst, lo, 1, MR * 4 + 16);
  v128.store64_lane(dst, hi, 0, 2 * MR * 4 + 16);
  v128.store64_lane(dst, hi, 1, 3 * MR * 4 + 16);
}

/**
 * Packs `len` steps of p of MR rows of A stored along p (row r at row0 + r·rowStride, unit stride
 * along p) into MR-float groups at d, transposing 4×4 blocks; rows past mr are zero.
 */
function packRowsRun(row0: usize, rowStride: usize, mr: i32, len: i32, d: usize): void {
  if (mr == MR) {
    let p = 0;
    for (; p + 4 <= len; p += 4, d += 4 * MR * 4) {
      const at = row0 + (<usize>p << 2);
      storeTransposed4(d, v128.load(at), v128.load(at + rowStride), v128.load(at + 2 * rowStride), v128.load(at + 3 * rowStride));
      if (MR == 6) storePairs4(d, v128.load(at + 4 * rowStride), v128.load(at + 5 * rowStride));
    }
    for (; p < len; p++, d += MR * 4) {
      const at = row0 + (<usize>p << 2);
      for (let ii = 0; ii < MR; ii++) store<f32>(d + (<usize>ii << 2), load<f32>(at + <usize>ii * rowStride));
    }
  } else {
    for (let p = 0; p < len; p++, d += MR * 4) {
      const at = row0 + (<usize>p << 2);
      for (let ii = 0; ii < MR; ii++) store<f32>(d + (<usize>ii << 2), ii < mr ? load<f32>(at + <usize>ii * rowStride) : 0);
    }
  }
}

/**
 * Packs rows ic..ic+mc, columns pc..pc+kc of op(A) into MR-row panels: panel r holds, for each p,
 * the MR values A[ic + r·MR + ii, pc + p] contiguously (zero-padded past mc). With `positions` > 0,
 * A (not transposed) is image-major along k (assembly/image-major.ts): its rows are packed one
 * image's run at a time.
 */
export function packA(a: usize, transA: bool, m: i32, k: i32, ic: i32, mc: i32, pc: i32, kc: i32, dst: usize, positions: i32): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = imin(MR, mc - ir);
    let d = dst + (<usize>(ir * kc) << 2);
    if (transA) {
      // A is stored k×m: the MR values for one p are contiguous.
      let src = a + ((<usize>pc * <usize>m + <usize>(ic + ir)) << 2);
      const stride = <usize>m << 2;
      if (mr == MR) {
        for (let p = 0; p < kc; p++, src += stride, d += MR * 4) {
          v128.store(d, v128.load(src));
          if (MR == 6) store<u64>(d, load<u64>(src, 16), 16);
        }
      } else {
        for (let p = 0; p < kc; p++, src += stride, d += MR * 4) {
          for (let ii = 0; ii < MR; ii++) store<f32>(d + (<usize>ii << 2), ii < mr ? load<f32>(src + (<usize>ii << 2)) : 0);
        }
      }
    } else if (positions == 0) {
      // A is stored m×k: read MR rows along p.
      packRowsRun(a + ((<usize>(ic + ir) * <usize>k + <usize>pc) << 2), <usize>k << 2, mr, kc, d);
    } else {
      for (let p = pc; p < pc + kc;) {
        const len = imin(positions - p % positions, pc + kc - p);
        packRowsRun(imageMajorAt(a, m, positions, ic + ir, p), <usize>positions << 2, mr, len, d);
        d += <usize>(len * MR) << 2;
        p += len;
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

/** Packs kc rows of nr ≤ NR columns stored with unit stride along a row (row p at src + p·stride) into NR-float groups at d. */
function packColsRun(src: usize, stride: usize, nr: i32, kc: i32, d: usize): void {
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
}

/** As packColsRun for an image-major B whose nr columns from j straddle two images: one address per column. */
function packColsAcrossImages(b: usize, k: i32, positions: i32, pc: i32, kc: i32, j: i32, nr: i32, d: usize): void {
  const stride = <usize>positions << 2;
  for (let jj = 0; jj < NR; jj++) {
    let src = jj < nr ? imageMajorAt(b, k, positions, pc, j + jj) : 0;
    let at = d + (<usize>jj << 2);
    for (let p = 0; p < kc; p++, src += stride, at += 32) store<f32>(at, jj < nr ? load<f32>(src) : 0);
  }
}

/**
 * Packs rows pc..pc+kc, columns jc..jc+nc of op(B) into NR-column panels: panel r holds, for each p,
 * the NR values B[pc + p, jc + r·NR + jj] contiguously (zero-padded past nc). With `positions` > 0,
 * B (not transposed) is image-major along n (assembly/image-major.ts).
 */
export function packB(b: usize, transB: bool, k: i32, n: i32, pc: i32, kc: i32, jc: i32, nc: i32, dst: usize, positions: i32): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = imin(NR, nc - jr);
    let d = dst + (<usize>(jr * kc) << 2);
    if (!transB) {
      // B is stored k×n: the NR values for one p are contiguous (within one image, when image-major).
      const j = jc + jr;
      if (positions == 0) packColsRun(b + ((<usize>pc * <usize>n + <usize>j) << 2), <usize>n << 2, nr, kc, d);
      else if (j % positions + nr <= positions) packColsRun(imageMajorAt(b, k, positions, pc, j), <usize>positions << 2, nr, kc, d);
      else packColsAcrossImages(b, k, positions, pc, kc, j, nr, d);
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
