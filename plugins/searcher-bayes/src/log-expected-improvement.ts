import { logNormalCdf, normalCdf, normalPdf, erfcx } from '@hyperspec/core/search';

const C1 = 0.5 * Math.log(2 * Math.PI);
const C2 = 0.5 * Math.log(Math.PI / 2);
const INV_SQRT_EPS = 1 / Math.sqrt(Number.EPSILON);

/** log(1 − eˣ) for x < 0, accurate on both sides of −log 2 (Mächler 2012). */
function log1mexp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/**
 * log h(z) with h(z) = φ(z) + z·Φ(z), the expected improvement of a unit normal, computed without
 * underflow for very negative z as in Ament et al., "Unexpected Improvements to Expected
 * Improvement for Bayesian Optimization" (NeurIPS 2023), eq. 9: direct for z > −1, through erfcx
 * down to −1/√ε, and by the asymptote −z²/2 − log √(2π) − 2 log|z| beyond.
 */
export function logH(z: number): number {
  if (z > -1) return Math.log(normalPdf(z) + z * normalCdf(z));
  if (z > -INV_SQRT_EPS) return -0.5 * z * z - C1 + log1mexp(Math.log(erfcx(-z / Math.SQRT2) * -z) + C2);
  return -0.5 * z * z - C1 - 2 * Math.log(-z);
}

/** d log h / dz = Φ(z) / h(z), from logs so it stays finite where h underflows. */
export function dLogH(z: number, logHz: number): number {
  return Math.exp(logNormalCdf(z) - logHz);
}

/**
 * log EI for minimisation at a point with posterior mean `mean` and variance `variance`, given the
 * best observed value `best`: log σ + log h((best − mean)/σ).
 */
export function logExpectedImprovement(mean: number, variance: number, best: number): number {
  const sigma = Math.sqrt(variance);
  return Math.log(sigma) + logH((best - mean) / sigma);
}
