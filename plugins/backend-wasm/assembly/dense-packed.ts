// A dense layer's forward with its weights packed once: for inference, where the weights of a loaded
// model never change, the NR-column panels that the blocked product (assembly/gemm.ts) would pack from
// W on every call are made once per model (packDenseWeights) and every product reads them as they are
// (denseRowsPacked). Rows of x are still packed per call (they are the new input). Same blocking,
// packing routines and micro-kernel as gemmBlock (Goto & van de Geijn, ACM TOMS 2008), so the results
// are the fused dense forward's.

import { MR, NR } from './gemm-tile';
import { KC, MC } from './gemm';
import { compactPanel, microKernelSkip } from './gemm-micro-skip';
import { microKernel, microKernelShort } from './gemm-micro';
import { packA, packB } from './gemm-pack';
import { DENSE_CHAIN_STRIDE } from '../src/kernel-abi';

@inline function imin(a: i32, b: i32): i32 {
  return a < b ? a : b;
}

/** The k-block length gemmBlock uses for k: equal blocks of at most KC. */
@inline function kStepOf(k: i32): i32 {
  const blocks = (k + KC - 1) / KC;
  return (k + blocks - 1) / blocks;
}

/** Floats of W [k×n] packed: every k-block holds ⌈n / NR⌉ panels of NR columns. */
export function packedDenseFloats(k: i32, n: i32): i32 {
  return k * (((n + NR - 1) / NR) * NR);
}

/**
 * Packs W [k×n] (row-major) at `w` into `dst` (packedDenseFloats(k, n) floats): the k-block that starts
 * at p holds, from float p·n', the panels of all n' = ⌈n / NR⌉·NR columns, panel r (columns r·NR..) at
 * r·NR·kc: kc rows of NR floats, zero past n.
 */
export function packDenseWeights(w: usize, k: i32, n: i32, dst: usize): void {
  const kStep = kStepOf(k);
  const np = ((n + NR - 1) / NR) * NR;
  for (let pc = 0; pc < k; pc += kStep) {
    const kc = imin(kStep, k - pc);
    packB(w, false, k, n, pc, kc, 0, n, dst + (<usize>(pc * np) << 2), 0);
  }
}

/** Least columns for leaving out zero steps of A: compacting a panel costs about one column panel's products. */
const SKIP_MIN_N: i32 = 32;

/**
 * Whether rows r0..r1 of x [m×k] (one row panel) are zero together in at least 1/8 of their k: a
 * sample that decides whether a product tries to leave out zero steps at all, so that a layer whose
 * input has none (ReLU outputs) costs no more than the scan of one panel.
 */
function zeroStepsWorthSkipping(x: usize, k: i32, r0: i32, r1: i32): bool {
  let zero = 0;
  for (let p = 0; p < k; p++) {
    let r = r0;
    while (r < r1 && load<f32>(x + ((<usize>r * <usize>k + <usize>p) << 2)) == 0) r++;
    if (r == r1) zero++;
  }
  return zero * 8 >= k;
}

/**
 * Rows i0..i1 of out[m×n] = act(x[m×k]·W + bias) with W packed by packDenseWeights at `pw`; bias
 * (n floats, 0 for none) and ReLU (`relu`) are applied as the last k-block is stored. `scratch` holds
 * the thread's gemm scratch (SCRATCH_FLOATS): its packed-A block and edge tile, and in the part the
 * packed-B block would take, each row panel of A without its all-zero k-steps: where at most 7/8 of a
 * panel's steps are left, it is multiplied by microKernelSkip (the same values; raw pixels are mostly 0).
 */
export function denseRowsPacked(x: usize, pw: usize, bias: usize, out: usize, m: i32, k: i32, n: i32, relu: bool, i0: i32, i1: i32, scratch: usize): void {
  const epilogue = bias != 0 || relu;
  const pa = scratch;
  const tile = scratch + (<usize>(MC * KC) << 2);
  const kStep = kStepOf(k);
  const np = ((n + NR - 1) / NR) * NR;
  const skip = n >= SKIP_MIN_N && zeroStepsWorthSkipping(x, k, i0, imin(i1, i0 + MR));
  const ca = tile + (<usize>(MR * NR) << 2);
  const offs = ca + (<usize>(MC * KC) << 2);
  const counts = offs + (<usize>(MC / MR * KC) << 2);
  // k-blocks outside, rows inside: one block of W (kc × n', a few hundred kB) stays in L2 while every
  // row block of this chunk passes through it.
  for (let pc = 0; pc < k; pc += kStep) {
    const kc = imin(kStep, k - pc);
    const last = pc + kc >= k;
    const block = pw + (<usize>(pc * np) << 2);
    for (let ic = i0; ic < i1; ic += MC) {
      const mc = imin(MC, i1 - ic);
      packA(x, false, m, k, ic, mc, pc, kc, pa, 0);
      // Each full-height panel without its zero steps, when that leaves out more than 1/8 of them (-1: use it whole).
      for (let ir = 0; ir < mc; ir += MR) {
        let count = -1;
        if (skip) {
          count = compactPanel(pa + (<usize>(ir * kc) << 2), kc, ca + (<usize>(ir * kc) << 2), offs + (<usize>(ir / MR * kc) << 2));
          if (count * 8 > kc * 7) count = -1;
        }
        store<i32>(counts + (<usize>(ir / MR) << 2), count);
      }
      for (let j = 0; j < n; j += NR) {
        const nr = imin(NR, n - j);
        const bp = block + (<usize>(j * kc) << 2);
        const b = bias != 0 ? bias + (<usize>j << 2) : 0;
        for (let ir = 0; ir < mc; ir += MR) {
          const mr = imin(MR, mc - ir);
          const ap = pa + (<usize>(ir * kc) << 2);
          const cp = out + ((<usize>(ic + ir) * <usize>n + <usize>j) << 2);
          const count = load<i32>(counts + (<usize>(ir / MR) << 2));
          if (count >= 0) microKernelSkip(ca + (<usize>(ir * kc) << 2), bp, offs + (<usize>(ir / MR * kc) << 2), count, cp, n, mr, nr, pc > 0, tile, epilogue && last, b, relu);
          else if (MR == 6 && mr <= 4) microKernelShort(ap, bp, kc, cp, n, mr, nr, pc > 0, tile, epilogue && last, b, relu);
          else microKernel(ap, bp, kc, cp, n, mr, nr, pc > 0, tile, epilogue && last, b, relu);
        }
      }
    }
  }
}

/**
 * Rows i0..i1 of every layer of a chain of dense layers, one after the other (denseRowsPacked each):
 * layer l reads rows i0..i1 of its x, which layer l − 1 has just written on this thread, so a chunk of
 * rows goes through the whole network while its activations are still in this core's cache, and the
 * threads meet once per chain instead of once per layer. `table` holds DENSE_CHAIN_STRIDE ints per layer
 * (src/kernel-abi.ts).
 */
export function denseChainRows(table: usize, layers: i32, m: i32, i0: i32, i1: i32, scratch: usize): void {
  for (let l = 0; l < layers; l++) {
    const t = table + (<usize>(l * DENSE_CHAIN_STRIDE) << 2);
    denseRowsPacked(load<i32>(t), load<i32>(t, 4), load<i32>(t, 8), load<i32>(t, 12), m, load<i32>(t, 16), load<i32>(t, 20), load<i32>(t, 24) != 0, i0, i1, scratch);
  }
}
