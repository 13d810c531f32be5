/** Rows of the shared dimension per pass: a 4×KC strip of A and a KC×4 strip of B stay in L1. */
const KC = 256;

/**
 * out[m×n] = op(a)·op(b), where op transposes when the flag is set (a is stored k×m when transA, b
 * n×k when transB). All four variants run the same kernel with the operands addressed by strides:
 * A(i, p) = a[i·sai + p·sap], B(p, j) = b[p·sbp + j·sbj].
 *
 * The kernel computes 4×4 blocks of the output in sixteen local accumulators (register blocking, as
 * in Goto & van de Geijn, "Anatomy of High-Performance Matrix Multiplication", 2008): each step of the
 * shared dimension loads 4 values of A and 4 of B for 16 multiply-adds, instead of a load and a store
 * of the output per multiply-add. Accumulation is in float64 within a pass of KC steps.
 */
export function matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
  const sai = transA ? 1 : k;
  const sap = transA ? m : 1;
  const sbp = transB ? 1 : n;
  const sbj = transB ? k : 1;
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  if (k === 0) {
    out.fill(0, 0, m * n);
    return;
  }
  for (let p0 = 0; p0 < k; p0 += KC) {
    blocks4x4(a, b, out, n, p0, Math.min(p0 + KC, k), m4, n4, sai, sap, sbp, sbj);
  }
  // The ragged right columns and bottom rows, as plain dot products over the whole shared dimension.
  edge(a, b, out, n, k, 0, m4, n4, n, sai, sap, sbp, sbj);
  edge(a, b, out, n, k, m4, m, 0, n, sai, sap, sbp, sbj);
}

function blocks4x4(
  a: Float32Array, b: Float32Array, out: Float32Array, n: number, p0: number, p1: number, m4: number, n4: number,
  sai: number, sap: number, sbp: number, sbj: number,
): void {
  const first = p0 === 0;
  const sai2 = 2 * sai;
  const sai3 = 3 * sai;
  const sbj2 = 2 * sbj;
  const sbj3 = 3 * sbj;
  for (let i = 0; i < m4; i += 4) {
    const aStart = i * sai + p0 * sap;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let ia = aStart;
      let ib = p0 * sbp + j * sbj;
      for (let p = p0; p < p1; p++, ia += sap, ib += sbp) {
        const a0 = a[ia], a1 = a[ia + sai], a2 = a[ia + sai2], a3 = a[ia + sai3];
        const b0 = b[ib], b1 = b[ib + sbj], b2 = b[ib + sbj2], b3 = b[ib + sbj3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      const o0 = i * n + j;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      if (first) {
        out[o0] = c00; out[o0 + 1] = c01; out[o0 + 2] = c02; out[o0 + 3] = c03;
        out[o1] = c10; out[o1 + 1] = c11; out[o1 + 2] = c12; out[o1 + 3] = c13;
        out[o2] = c20; out[o2 + 1] = c21; out[o2 + 2] = c22; out[o2 + 3] = c23;
        out[o3] = c30; out[o3 + 1] = c31; out[o3 + 2] = c32; out[o3 + 3] = c33;
      } else {
        out[o0] += c00; out[o0 + 1] += c01; out[o0 + 2] += c02; out[o0 + 3] += c03;
        out[o1] += c10; out[o1 + 1] += c11; out[o1 + 2] += c12; out[o1 + 3] += c13;
        out[o2] += c20; out[o2 + 1] += c21; out[o2 + 2] += c22; out[o2 + 3] += c23;
        out[o3] += c30; out[o3 + 1] += c31; out[o3 + 2] += c32; out[o3 + 3] += c33;
      }
    }
  }
}

function edge(
  a: Float32Array, b: Float32Array, out: Float32Array, n: number, k: number, i0: number, i1: number, j0: number, j1: number,
  sai: number, sap: number, sbp: number, sbj: number,
): void {
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let s = 0;
      let ia = i * sai;
      let ib = j * sbj;
      for (let p = 0; p < k; p++, ia += sap, ib += sbp) s += a[ia] * b[ib];
      out[i * n + j] = s;
    }
  }
}
