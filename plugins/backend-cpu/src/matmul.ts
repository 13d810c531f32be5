/** Tile sizes chosen so a tile of B (P_BLOCK rows × J_BLOCK floats) stays in L1/L2. */
const I_BLOCK = 32;
const P_BLOCK = 128;
const J_BLOCK = 256;

/**
 * out[m×n] = op(a)·op(b). Every variant keeps the innermost loop contiguous in memory; the plain
 * case is cache-blocked over rows, the shared dimension and columns.
 */
export function matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
  if (!transA && !transB) return matmulNN(a, b, out, m, k, n);
  if (!transA && transB) return matmulNT(a, b, out, m, k, n);
  if (transA && !transB) return matmulTN(a, b, out, m, k, n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[p * m + i] * b[j * k + p];
      out[i * n + j] = s;
    }
  }
}

function matmulNN(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void {
  out.fill(0, 0, m * n);
  for (let i0 = 0; i0 < m; i0 += I_BLOCK) {
    const i1 = Math.min(i0 + I_BLOCK, m);
    for (let p0 = 0; p0 < k; p0 += P_BLOCK) {
      const p1 = Math.min(p0 + P_BLOCK, k);
      for (let j0 = 0; j0 < n; j0 += J_BLOCK) {
        const j1 = Math.min(j0 + J_BLOCK, n);
        for (let i = i0; i < i1; i++) {
          const rowOut = i * n;
          const rowA = i * k;
          let p = p0;
          // Two rows of B per pass halves the loads and stores of the output row.
          for (; p + 1 < p1; p += 2) {
            const a0 = a[rowA + p];
            const a1 = a[rowA + p + 1];
            if (a0 === 0 && a1 === 0) continue;
            const rb0 = p * n;
            const rb1 = rb0 + n;
            for (let j = j0; j < j1; j++) out[rowOut + j] += a0 * b[rb0 + j] + a1 * b[rb1 + j];
          }
          if (p < p1) {
            const a0 = a[rowA + p];
            if (a0 !== 0) {
              const rb0 = p * n;
              for (let j = j0; j < j1; j++) out[rowOut + j] += a0 * b[rb0 + j];
            }
          }
        }
      }
    }
  }
}

function matmulNT(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const rowA = i * k;
    for (let j = 0; j < n; j++) {
      const rowB = j * k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let p = 0;
      for (; p + 3 < k; p += 4) {
        s0 += a[rowA + p] * b[rowB + p];
        s1 += a[rowA + p + 1] * b[rowB + p + 1];
        s2 += a[rowA + p + 2] * b[rowB + p + 2];
        s3 += a[rowA + p + 3] * b[rowB + p + 3];
      }
      for (; p < k; p++) s0 += a[rowA + p] * b[rowB + p];
      out[i * n + j] = s0 + s1 + s2 + s3;
    }
  }
}

function matmulTN(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): void {
  out.fill(0, 0, m * n);
  for (let p0 = 0; p0 < k; p0 += P_BLOCK) {
    const p1 = Math.min(p0 + P_BLOCK, k);
    for (let i = 0; i < m; i++) {
      const rowOut = i * n;
      for (let p = p0; p < p1; p++) {
        const av = a[p * m + i];
        if (av === 0) continue;
        const rowB = p * n;
        for (let j = 0; j < n; j++) out[rowOut + j] += av * b[rowB + j];
      }
    }
  }
}
