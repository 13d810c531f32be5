/*
 * The Matérn-5/2 kernel with one length scale per input dimension (automatic relevance
 * determination), Rasmussen & Williams, "Gaussian Processes for Machine Learning" (2006), eq. 4.17:
 *   k(x, x') = s · (1 + √5 r + 5r²/3) · exp(−√5 r),   r² = Σ_j (x_j − x'_j)² / ℓ_j².
 * Its derivatives share the factor q(r) = (5/3) · s · (1 + √5 r) · exp(−√5 r):
 *   ∂k/∂log ℓ_j = q(r) · Δ_j² / ℓ_j²,    ∂k/∂x_j = −q(r) · Δ_j / ℓ_j².
 */

const SQRT5 = Math.sqrt(5);

/** Squared scaled distance between row `a` of `xa` and row `b` of `xb` (both with `d` columns). */
export function scaledDistance2(xa: Float64Array, a: number, xb: Float64Array, b: number, invL2: Float64Array, d: number): number {
  let r2 = 0;
  const oa = a * d;
  const ob = b * d;
  for (let j = 0; j < d; j++) {
    const t = xa[oa + j] - xb[ob + j];
    r2 += t * t * invL2[j];
  }
  return r2;
}

/** k at squared scaled distance r2, for signal variance s. */
export function matern52(r2: number, s: number): number {
  const r = Math.sqrt(r2);
  return s * (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
}

/** The shared derivative factor q(r) (see above). */
export function matern52Factor(r2: number, s: number): number {
  const r = Math.sqrt(r2);
  return (5 / 3) * s * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
}
