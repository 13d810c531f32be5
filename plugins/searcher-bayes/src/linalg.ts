/*
 * Dense symmetric positive-definite algebra on row-major Float64Array matrices, sized for Gaussian
 * processes over a few hundred points. Loops run along rows so memory is read contiguously.
 */

/** In-place Cholesky factorisation A = L·Lᵀ (lower triangle of `a` becomes L, upper is zeroed). False if A is not positive definite. */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let s = a[rj + j];
    for (let k = 0; k < j; k++) s -= a[rj + k] * a[rj + k];
    if (!(s > 0) || !Number.isFinite(s)) return false;
    const d = Math.sqrt(s);
    a[rj + j] = d;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let t = a[ri + j];
      for (let k = 0; k < j; k++) t -= a[ri + k] * a[rj + k];
      a[ri + j] = t / d;
    }
    for (let k = j + 1; k < n; k++) a[rj + k] = 0;
  }
  return true;
}

/**
 * Cholesky factor of K, adding jitter to the diagonal (starting at 1e-10 of the mean diagonal, ×10
 * per failure) until it succeeds. Returns the factor and the jitter used.
 */
export function choleskyWithJitter(k: Float64Array, n: number): { l: Float64Array; jitter: number } {
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += k[i * n + i];
  meanDiag = n > 0 ? meanDiag / n : 1;
  let jitter = 0;
  for (let attempt = 0; attempt < 12; attempt++) {
    const l = Float64Array.from(k);
    if (jitter > 0) for (let i = 0; i < n; i++) l[i * n + i] += jitter;
    if (choleskyInPlace(l, n)) return { l, jitter };
    jitter = jitter === 0 ? 1e-10 * meanDiag : jitter * 10;
  }
  throw new Error(`Cholesky failed even with jitter ${jitter}`);
}

/** Solves L·x = b (forward substitution); `out` may alias `b`. */
export function solveLower(l: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(n)): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * out[k];
    out[i] = s / l[ri + i];
  }
  return out;
}

/** Solves Lᵀ·x = b (back substitution); `out` may alias `b`. */
export function solveLowerTransposed(l: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(n)): Float64Array {
  if (out !== b) for (let i = 0; i < n; i++) out[i] = b[i];
  for (let i = n - 1; i >= 0; i--) {
    out[i] /= l[i * n + i];
    const xi = out[i];
    const ri = i * n;
    // Column i of Lᵀ below the diagonal is row i of L: subtract its contribution from earlier unknowns.
    for (let k = 0; k < i; k++) out[k] -= l[ri + k] * xi;
  }
  return out;
}

/** K⁻¹ from the Cholesky factor of K: L⁻¹ by row recurrences, then L⁻ᵀ·L⁻¹ (symmetric, full matrix). */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  // Row i of L⁻¹: (e_i − Σ_{k<i} L[i,k]·row_k(L⁻¹)) / L[i,i].
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    inv[ri + i] = 1;
    for (let k = 0; k < i; k++) {
      const c = l[ri + k];
      if (c === 0) continue;
      const rk = k * n;
      for (let j = 0; j <= k; j++) inv[ri + j] -= c * inv[rk + j];
    }
    const d = l[ri + i];
    for (let j = 0; j <= i; j++) inv[ri + j] /= d;
  }
  // K⁻¹[i,j] = Σ_{k ≥ max(i,j)} L⁻¹[k,i]·L⁻¹[k,j]: accumulate outer products of the rows of L⁻¹.
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i <= k; i++) {
      const a = inv[rk + i];
      if (a === 0) continue;
      const ri = i * n;
      for (let j = 0; j <= i; j++) out[ri + j] += a * inv[rk + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
  return out;
}
