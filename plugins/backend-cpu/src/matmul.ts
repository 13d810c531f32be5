// out[m×n] = op(a)·op(b) in plain TypeScript, blocked after Goto & van de Geijn, "Anatomy of
// High-Performance Matrix Multiplication" (ACM TOMS 2008): a KC×NC block of op(B) and an MC×KC block
// of op(A) are packed into contiguous panels (4 columns / 4 rows interleaved per step of the shared
// dimension), and a 4×4 register block of C is accumulated in 16 local doubles. Packing reads the
// operands through strides, so the four transpose variants run the same inner loop at the same speed.

const MR = 4;
const NR = 4;
/** Shared-dimension block: an A panel (4×KC) and a B panel (KC×4) stay in L1 together. */
const KC = 256;
/** Rows of op(A) packed at once: MC×KC doubles (256 KiB) stay in L2. */
const MC = 128;
/** Columns of op(B) packed at once: KC×NC doubles (1 MiB) in L2/L3. */
const NC = 512;

/**
 * Packing space, created on first use and reused by every call (the kernels run on one thread, one
 * call at a time), so a matmul allocates nothing after the first.
 */
const scratch: { a: Float64Array | null; b: Float64Array | null } = { a: null, b: null };

/** out[m×n] = op(a)·op(b), where op transposes when the flag is set (a is k×m when transA). */
export function matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number, transA: boolean, transB: boolean): void {
  out.fill(0, 0, m * n);
  if (m === 0 || n === 0 || k === 0) return;
  // Element (i, p) of op(A) is a[i·rowA + p·colA]; element (p, j) of op(B) is b[p·rowB + j·colB].
  const rowA = transA ? 1 : k;
  const colA = transA ? m : 1;
  const rowB = transB ? 1 : n;
  const colB = transB ? k : 1;
  const pa = (scratch.a ??= new Float64Array(MC * KC));
  const pb = (scratch.b ??= new Float64Array(KC * NC));
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packB(b, rowB, colB, pc, kc, jc, nc, pb);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(a, rowA, colA, ic, mc, pc, kc, pa);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            block(pa, ir * kc, pb, jr * kc, kc, out, (ic + ir) * n + jc + jr, n, mr, nr);
          }
        }
      }
    }
  }
}

/** Panel r of pa holds, for each p, the 4 values op(A)[ic + 4r + ii, pc + p] (zero past mc). */
function packA(a: Float32Array, row: number, col: number, ic: number, mc: number, pc: number, kc: number, pa: Float64Array): void {
  let d = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = Math.min(MR, mc - ir);
    let s = (ic + ir) * row + pc * col;
    if (rows === MR) {
      for (let p = 0; p < kc; p++, s += col, d += 4) {
        pa[d] = a[s];
        pa[d + 1] = a[s + row];
        pa[d + 2] = a[s + 2 * row];
        pa[d + 3] = a[s + 3 * row];
      }
    } else {
      for (let p = 0; p < kc; p++, s += col, d += 4) {
        for (let ii = 0; ii < MR; ii++) pa[d + ii] = ii < rows ? a[s + ii * row] : 0;
      }
    }
  }
}

/** Panel r of pb holds, for each p, the 4 values op(B)[pc + p, jc + 4r + jj] (zero past nc). */
function packB(b: Float32Array, row: number, col: number, pc: number, kc: number, jc: number, nc: number, pb: Float64Array): void {
  let d = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    let s = pc * row + (jc + jr) * col;
    if (cols === NR) {
      for (let p = 0; p < kc; p++, s += row, d += 4) {
        pb[d] = b[s];
        pb[d + 1] = b[s + col];
        pb[d + 2] = b[s + 2 * col];
        pb[d + 3] = b[s + 3 * col];
      }
    } else {
      for (let p = 0; p < kc; p++, s += row, d += 4) {
        for (let jj = 0; jj < NR; jj++) pb[d + jj] = jj < cols ? b[s + jj * col] : 0;
      }
    }
  }
}

/** Adds the 4×4 product of an A panel and a B panel into C (only the mr×nr valid part). */
function block(pa: Float64Array, ia: number, pb: Float64Array, ib: number, kc: number, out: Float32Array, o: number, ldc: number, mr: number, nr: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const end = ia + 4 * kc;
  for (; ia < end; ia += 4, ib += 4) {
    const b0 = pb[ib], b1 = pb[ib + 1], b2 = pb[ib + 2], b3 = pb[ib + 3];
    let av = pa[ia];
    c00 += av * b0; c01 += av * b1; c02 += av * b2; c03 += av * b3;
    av = pa[ia + 1];
    c10 += av * b0; c11 += av * b1; c12 += av * b2; c13 += av * b3;
    av = pa[ia + 2];
    c20 += av * b0; c21 += av * b1; c22 += av * b2; c23 += av * b3;
    av = pa[ia + 3];
    c30 += av * b0; c31 += av * b1; c32 += av * b2; c33 += av * b3;
  }
  if (mr === MR && nr === NR) {
    out[o] += c00; out[o + 1] += c01; out[o + 2] += c02; out[o + 3] += c03; o += ldc;
    out[o] += c10; out[o + 1] += c11; out[o + 2] += c12; out[o + 3] += c13; o += ldc;
    out[o] += c20; out[o + 1] += c21; out[o + 2] += c22; out[o + 3] += c23; o += ldc;
    out[o] += c30; out[o + 1] += c31; out[o + 2] += c32; out[o + 3] += c33;
    return;
  }
  addRow(out, o, nr, c00, c01, c02, c03);
  if (mr > 1) addRow(out, o + ldc, nr, c10, c11, c12, c13);
  if (mr > 2) addRow(out, o + 2 * ldc, nr, c20, c21, c22, c23);
  if (mr > 3) addRow(out, o + 3 * ldc, nr, c30, c31, c32, c33);
}

/** Adds the first nr of four values to a row of C (edge blocks). */
function addRow(out: Float32Array, o: number, nr: number, c0: number, c1: number, c2: number, c3: number): void {
  out[o] += c0;
  if (nr > 1) out[o + 1] += c1;
  if (nr > 2) out[o + 2] += c2;
  if (nr > 3) out[o + 3] += c3;
}
