import type { Backend } from './backend.js';
import { declareFusedKernel, fusedKernel } from './fused-kernel.js';

/**
 * out += op(a)·op(b) with the `Kernels.matmul` arguments: a weight's gradient summed into the leaf's
 * gradient buffer by the product itself, instead of a product into a temporary and a separate add
 * over both (the dense op's backward, through `engine.leafGradient`). Optional.
 */
export type MatmulAccumulate = (a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean) => void;
export const matmulAccumulateKernel = declareFusedKernel<MatmulAccumulate>('matmul_accumulate');

/**
 * out[i] = value over a whole backend buffer. Optional: without it `fillBuffer` uses
 * `Float32Array.fill`, which V8 runs element by element on a view of shared memory (a wasm backend's
 * buffers) — 235k floats of W-MLP gradients took 70-120 µs that way, a vector kernel a fraction.
 */
export type FillBuffer = (out: Float32Array, value: number) => void;
export const fillBufferKernel = declareFusedKernel<FillBuffer>('fill');

/** Sets every value of `out` (a buffer of `backend`, e.g. a gradient zeroed before a step) to `value`. */
export function fillBuffer(backend: Pick<Backend, 'fused'>, out: Float32Array, value: number): void {
  const fill = fusedKernel(backend, fillBufferKernel);
  if (fill) fill(out, value);
  else out.fill(value);
}
