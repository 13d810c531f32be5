/*
 * The standard normal distribution in double precision, written to stay accurate in the tails
 * (searchers take logs of tiny probabilities). erf uses the everywhere-positive series
 * erf x = 2/√π · e^{-x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)) (Abramowitz & Stegun 7.1.6), which has no
 * cancellation; the tail uses the continued fraction of erfc (A&S 7.1.14) evaluated by modified
 * Lentz, which converges fast for x ≥ 2.5.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const TAIL = 2.5;

/** Σ series of erf(x)·e^{x²}·√π/2 for small |x|. */
function erfSeriesScaled(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** erfcx(x) = e^{x²}·erfc(x) for x ≥ TAIL, by the continued fraction 1/(x+ (1/2)/(x+ 1/(x+ (3/2)/(x+ …)))). */
function erfcxTail(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / (f * SQRT_PI);
}

/** Scaled complementary error function e^{x²}·erfc(x), finite for large positive x. */
export function erfcx(x: number): number {
  if (x >= TAIL) return erfcxTail(x);
  if (x > -TAIL) return Math.exp(x * x) - (2 / SQRT_PI) * erfSeriesScaled(x);
  // erfc(x) = 2 − erfc(−x) for negative x.
  return 2 * Math.exp(x * x) - erfcxTail(-x);
}

/** Complementary error function, with full relative accuracy in the upper tail. */
export function erfc(x: number): number {
  if (x >= TAIL) return x > 27 ? 0 : Math.exp(-x * x) * erfcxTail(x);
  if (x > -TAIL) return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * erfSeriesScaled(x);
  return 2 - erfc(-x);
}

export function erf(x: number): number {
  return 1 - erfc(x);
}

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
}

/** log φ(z). */
export function logNormalPdf(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

/** Standard normal distribution function Φ(z), accurate to relative precision in the lower tail. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** log Φ(z), finite far into the lower tail (uses erfcx there). */
export function logNormalCdf(z: number): number {
  if (z > 0) return Math.log1p(-0.5 * erfc(z / SQRT2));
  if (z > -TAIL * SQRT2) return Math.log(normalCdf(z));
  const t = -z / SQRT2;
  return Math.log(0.5 * erfcx(t)) - t * t;
}

/**
 * Inverse of Φ, by Acklam's rational approximation refined with one Halley step on `normalCdf`
 * (relative error near machine precision). Used for rank (copula) output warping.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}
