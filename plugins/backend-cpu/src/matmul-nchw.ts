import { matmul } from './matmul.js';

/**
 * Reorder space, created on first use, grown when needed and reused by every call (the kernels run on
 * one thread, one call at a time), so steady-state calls allocate nothing.
 */
const scratch: { data: Float32Array } = { data: new Float32Array(0) };

function scratchOf(size: number): Float32Array {
  if (scratch.data.length < size) scratch.data = new Float32Array(size);
  return scratch.data.subarray(0, size);
}

/** out[j, i, :] = x[i, j, :] for x viewed as [a, b, inner]: swaps the two outer axes, a run of `inner` at a time. */
function swapOuter(x: Float32Array, a: number, b: number, inner: number, out: Float32Array): void {
  for (let i = 0; i < a; i++) {
    for (let j = 0; j < b; j++) out.set(x.subarray((i * b + j) * inner, (i * b + j + 1) * inner), (j * a + i) * inner);
  }
}

/**
 * matmul with one operand NCHW [batch, channels, positions] taken as the [channels, batch·positions]
 * matrix (the Kernels contract in core). The reference does it the plain way: that operand is reordered
 * to channels-first in scratch space (or the product is computed there and reordered into `out`).
 */
export function matmulNchw(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean,
  nchw: 'a' | 'b' | 'out', positions: number): void {
  if (nchw === 'a') {
    const channelsFirst = scratchOf(m * k);
    swapOuter(a, k / positions, m, positions, channelsFirst);
    matmul(channelsFirst, b, out, m, k, n, transA, transB);
  } else if (nchw === 'b') {
    const channelsFirst = scratchOf(k * n);
    swapOuter(b, n / positions, k, positions, channelsFirst);
    matmul(a, channelsFirst, out, m, k, n, transA, transB);
  } else {
    const channelsFirst = scratchOf(m * n);
    matmul(a, b, channelsFirst, m, k, n, transA, transB);
    swapOuter(channelsFirst, m, n / positions, positions, out);
  }
}
