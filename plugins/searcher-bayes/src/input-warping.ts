/*
 * Input warping (J. Snoek, K. Swersky, R. Zemel and R. P. Adams, "Input Warping for Bayesian
 * Optimization of Non-stationary Functions", ICML 2014): each numeric input u ∈ [0, 1] enters the
 * stationary kernel through the Kumaraswamy CDF
 *   w(u) = 1 − (1 − v^a)^b,   v = ε + (1 − 2ε)·u,
 * with a, b > 0 per input, fitted with the other GP hyperparameters at the MAP point. a = b = 1 is
 * (nearly) the identity; a < 1 stretches the low end of the range, b < 1 the high end, so a kernel of
 * one length scale can vary faster in one part of the range than in another.
 *
 * The affine squeeze into [ε, 1 − ε] keeps log v and log(1 − v^a) finite at the cube's faces, so
 * the warp and its derivatives stay smooth there (BoTorch's `Warp` squeezes the same way, with
 * ε = 1e-7). Derivatives, with p = v^a and q = 1 − p:
 *   ∂w/∂u     = (1 − 2ε) · a·b · v^(a−1) · q^(b−1),
 *   ∂w/∂log a = a·b · q^(b−1) · p · log v,
 *   ∂w/∂log b = −b · q^b · log q.
 */

/** How far the inputs are squeezed away from 0 and 1. */
export const WARP_EPSILON = 1e-6;

/**
 * The prior of a and b: LogNormal(0, √0.75), median 1 (the identity warp), the prior of BoTorch's
 * input-warping tutorial (`bo_with_warped_gp`) and of Ax's warped models (`concentration1_prior =
 * concentration0_prior = LogNormalPrior(0.0, 0.75 ** 0.5)`); Snoek et al. 2014 also put log-normal
 * priors on both shape parameters. BoTorch's `Warp` itself has no prior unless given one.
 */
export const WARP_PRIOR = { mu: 0, sigma: Math.sqrt(0.75) };

/** Bounds of log a and log b: shapes beyond [1/20, 20] are far outside the prior (3.5σ). */
export const LOG_WARP = [Math.log(0.05), Math.log(20)];

/** Per-input warps of the feature columns `columns` (offsets into a row); other columns pass through. */
export interface InputWarp {
  columns: readonly number[];
  logA: Float64Array;
  logB: Float64Array;
}

/** w(u) for shapes a, b. */
export function kumaraswamyWarp(u: number, a: number, b: number): number {
  const lv = Math.log(WARP_EPSILON + (1 - 2 * WARP_EPSILON) * u);
  // q = 1 − v^a via expm1, accurate when v^a is close to 1.
  const q = -Math.expm1(a * lv);
  return -Math.expm1(b * Math.log(q));
}

/**
 * w(u) and its derivatives: `out` receives [∂w/∂u, ∂w/∂log a, ∂w/∂log b]; returns w.
 */
export function kumaraswamyWarpWithGradient(u: number, a: number, b: number, out: Float64Array): number {
  const v = WARP_EPSILON + (1 - 2 * WARP_EPSILON) * u;
  const lv = Math.log(v);
  const p = Math.exp(a * lv);
  const q = -Math.expm1(a * lv);
  const lq = Math.log(q);
  const qb = Math.exp(b * lq);
  const bqb1 = (b * qb) / q;
  out[0] = (1 - 2 * WARP_EPSILON) * a * bqb1 * (p / v);
  out[1] = a * bqb1 * p * lv;
  out[2] = -b * qb * lq;
  return -Math.expm1(b * lq);
}

/** A copy of the n × d rows `x` with the warped columns replaced by w(u). */
export function warpRows(x: Float64Array, n: number, d: number, warp: InputWarp): Float64Array {
  const out = Float64Array.from(x);
  warp.columns.forEach((col, k) => {
    const a = Math.exp(warp.logA[k]);
    const b = Math.exp(warp.logB[k]);
    for (let i = 0; i < n; i++) out[i * d + col] = kumaraswamyWarp(x[i * d + col], a, b);
  });
  return out;
}
