// Single-precision matrix product C = op(A)·op(B), blocked as in Goto & van de Geijn,
// "Anatomy of High-Performance Matrix Multiplication" (ACM TOMS 2008): B is packed into
// KC×NR column panels that stay in L1/L2, A into MC×KC row panels (MR rows interleaved), and a
// register-blocked MR×NR micro-kernel accumulates with f32x4 vectors. Transposes only change how
// the packing routines read (assembly/gemm-pack.ts), so all four variants share the same inner kernel
// (assembly/gemm-micro.ts).

import { MR, NR } from './gemm-tile';
import { finish, microKernel } from './gemm-micro';
import { packA, packB } from './gemm-pack';
import { rowDots } from './row-dots';
import { zeroBytes } from './memory-ops';

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
