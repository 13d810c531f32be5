import { expect } from 'vitest';
import type { Conv2dGeometry } from '@hyperspec/core/tensor';
import type { WasmBackend } from '@hyperspec/backend-wasm';

/** float32's unit roundoff: the error bounds below are multiples of ε·S. */
export const EPS = 2 ** -24;

/**
 * |got − want| ≤ bound·ε·s elementwise, s each value's Σ|terms| (the scale of a sum's rounding error);
 * reports the first violation, and with the environment variable `logEnv` set the largest ratio seen.
 */
export function expectWithinBound(
  got: Float32Array, want: Float32Array, s: Float64Array, bound: number, label: string, element: string, logEnv: string,
): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    const ratio = err / (EPS * Math.max(s[i], 1e-30));
    if (!(ratio <= bound)) throw new Error(`${label}: ${element} ${i} is ${got[i]}, the im2col path gives ${want[i]} (|Δ| = ${err}, ${ratio.toFixed(1)}·ε·S)`);
    worst = Math.max(worst, ratio);
  }
  if (process.env[logEnv]) console.log(`${label}: largest error ${worst.toFixed(2)}·ε·S`);
}

/** A convolution's weight gradient by the im2col path (dY·colsᵀ) on `backend`, and each weight's S = Σ|dy·x|. */
export function im2colWeightGrad(
  backend: WasmBackend, x: Float32Array, dy: Float32Array, g: Conv2dGeometry, outC: number,
): { dw: Float32Array; s: Float64Array } {
  const positions = g.outH * g.outW;
  const columns = g.n * positions;
  const patch = g.c * g.kh * g.kw;
  const cols = backend.alloc(patch * columns);
  backend.kernels.im2col(x, g, cols);
  const dw = backend.alloc(outC * patch);
  backend.kernels.matmulNchw(dy, cols, dw, outC, columns, patch, false, true, 'a', positions);
  const s = new Float64Array(outC * patch);
  for (let o = 0; o < outC; o++) {
    for (let j = 0; j < patch; j++) {
      let sum = 0;
      for (let b = 0; b < g.n; b++) {
        for (let q = 0; q < positions; q++) sum += Math.abs(dy[(b * outC + o) * positions + q] * cols[j * columns + b * positions + q]);
      }
      s[o * patch + j] = sum;
    }
  }
  const copy = Float32Array.from(dw);
  backend.release(cols);
  backend.release(dw);
  return { dw: copy, s };
}
