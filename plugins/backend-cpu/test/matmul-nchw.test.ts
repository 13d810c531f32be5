import { describe, expect, it } from 'vitest';
import { cpuKernels } from '@hyperspec/backend-cpu';

/** Element (r, j) of a [rows × batch·positions] matrix held as NCHW [batch, rows, positions]. */
function nchwIndex(rows: number, positions: number, r: number, j: number): number {
  return (Math.floor(j / positions) * rows + r) * positions + (j % positions);
}

/** op(A)·op(B) by the definition, in float64, with the named operand NCHW. */
function naive(a: Float32Array, b: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean, nchw: 'a' | 'b' | 'out', positions: number): Float64Array {
  const out = new Float64Array(m * n);
  const at = (i: number, p: number) => (nchw === 'a' ? a[nchwIndex(m, positions, i, p)] : transA ? a[p * m + i] : a[i * k + p]);
  const bt = (p: number, j: number) => (nchw === 'b' ? b[nchwIndex(k, positions, p, j)] : transB ? b[j * k + p] : b[p * n + j]);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += at(i, p) * bt(p, j);
      out[nchw === 'out' ? nchwIndex(m, positions, i, j) : i * n + j] = s;
    }
  }
  return out;
}

// matmulNchw is conv2d's product with its NCHW output or gradient; here against the definition for
// each operand that can be NCHW, with the other operand in both orientations.
describe('cpu matmulNchw', () => {
  const cases: { nchw: 'a' | 'b' | 'out'; m: number; k: number; n: number; positions: number }[] = [
    { nchw: 'out', m: 3, k: 5, n: 4 * 7, positions: 7 },
    { nchw: 'a', m: 3, k: 2 * 6, n: 5, positions: 6 },
    { nchw: 'b', m: 4, k: 3, n: 3 * 5, positions: 5 },
  ];
  for (const { nchw, m, k, n, positions } of cases) {
    for (const trans of [false, true]) {
      it(`with ${nchw} NCHW (other operand ${trans ? 'transposed' : 'plain'})`, () => {
        const transA = nchw !== 'a' && trans;
        const transB = nchw !== 'b' && trans;
        const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i + 1));
        const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(2 * i));
        const out = new Float32Array(m * n).fill(NaN);
        cpuKernels.matmulNchw(a, b, out, m, k, n, transA, transB, nchw, positions);
        const ref = naive(a, b, m, k, n, transA, transB, nchw, positions);
        for (let i = 0; i < ref.length; i++) expect(out[i]).toBeCloseTo(ref[i], 5);
      });
    }
  }
});
