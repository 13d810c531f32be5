import type { Rng } from '@hyperspec/core';
import { erfcx, logNormalCdf, logNormalPdf, normalCdf, normalQuantile } from '@hyperspec/core/search';

/*
 * A fast path for the truncation masses of the Parzen kernels (`logNormalMass`), which give the same
 * bits as the plain computation. A kernel centred inside [0, 1] with one end of the range beyond 8.5σ
 * has mass 1 − p, p = ½·erfc(x) the other tail (x = |z|/√2); for x ≥ 2.5 core's `erfc` computes
 * e^{−x²}·erfcx(x) with erfcx by a continued fraction of 17–39 steps. p is then below 2e−4, so 1 − p,
 * rounded to a double, depends on p only to about 1e−16 absolute — far less than p's own precision.
 * erfcx is taken instead from a piecewise Chebyshev interpolant (built once from the continued fraction
 * itself) with relative error bound TAIL_ETA; when 1 − p rounds to the same double at both ends of that
 * error band, the plain computation would have given that double too (rounding is monotone); otherwise
 * (a few % of kernels, those nearest x = 2.5) the plain computation runs.
 */
const TAIL_LO = 2.5;
/** 8.5/√2 and a little: the tails `logNormalMass` computes at all end at |z| = 8.5. */
const TAIL_HI = 6.02;
const PIECES = 32;
const COEFFICIENTS = 8;
const PIECE_WIDTH = (TAIL_HI - TAIL_LO) / PIECES;
/**
 * Relative error bound of `erfcxInterpolated` against core's continued fraction, products included:
 * measured at most 4.4e−15 on a dense grid (test/fast-paths.test.ts, which asserts ≤ TAIL_ETA / 4),
 * which is the continued fraction's own rounding (≤ 3 ulps per step, ≤ 39 steps: 1.3e−14 at worst).
 */
export const TAIL_ETA = 4e-14;
const SQRT2 = Math.SQRT2;

/** Chebyshev coefficients of erfcx on each piece, from its values at the Chebyshev nodes (Clenshaw–Curtis). */
const CHEBYSHEV = (() => {
  const n = COEFFICIENTS;
  const c = new Float64Array(PIECES * n);
  for (let p = 0; p < PIECES; p++) {
    const f = Array.from({ length: n }, (_, i) => erfcx(TAIL_LO + PIECE_WIDTH * (p + 0.5 + 0.5 * Math.cos((Math.PI * (i + 0.5)) / n))));
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += f[i] * Math.cos((Math.PI * k * (i + 0.5)) / n);
      c[p * n + k] = (2 / n) * sum;
    }
  }
  return c;
})();

/** erfcx(x) for TAIL_LO ≤ x ≤ TAIL_HI from the interpolant (Clenshaw's recurrence). */
export function erfcxInterpolated(x: number): number {
  const u = (x - TAIL_LO) / PIECE_WIDTH;
  const p = Math.min(PIECES - 1, Math.floor(u));
  const t = 2 * (u - p) - 1;
  const base = p * COEFFICIENTS;
  let b1 = 0;
  let b2 = 0;
  for (let k = COEFFICIENTS - 1; k >= 1; k--) {
    const b = CHEBYSHEV[base + k] + 2 * t * b1 - b2;
    b2 = b1;
    b1 = b;
  }
  return CHEBYSHEV[base] / 2 + t * b1 - b2;
}

/**
 * 1 − ½·erfc(x), rounded as the plain computation rounds it (1 − ½·(e^{−x²}·erfcx(x)) with the continued
 * fraction), or undefined when x is outside the fast path's range or the result is too close to a
 * rounding boundary to tell without the continued fraction.
 */
function oneMinusTail(x: number): number | undefined {
  if (!(x >= TAIL_LO && x <= TAIL_HI)) return undefined;
  const p = 0.5 * (Math.exp(-x * x) * erfcxInterpolated(x));
  const low = 1 - p * (1 + TAIL_ETA);
  return low === 1 - p * (1 - TAIL_ETA) ? low : undefined;
}

/**
 * log(Φ(zb) − Φ(za)) for za < zb, accurate when both bounds lie deep in one tail (it works in the
 * lower tail, mirroring an upper-tail interval, and falls back to the midpoint density for slivers).
 */
export function logNormalMass(za: number, zb: number): number {
  // Bounds on both sides of the mean (a kernel centred inside its range) and not a sliver: Φ(zb) ≥ ½ ≥
  // Φ(za), so the direct difference loses no relative precision — and it is the common, cheap case.
  // Beyond ±8.5 a tail is below 1e-17, negligible beside a mass of at least 4e-4 (bounds 1e-3 apart
  // around the mean): skip computing it.
  if (za <= 0 && zb >= 0 && zb - za > 1e-3) {
    // One tail beyond 8.5: 1 − Φ(za) = 1 − ½·erfc(−za/√2), or Φ(zb) = ½·(2 − erfc(zb/√2)) = 1 − ½·erfc(zb/√2)
    // (halving is exact), which the fast path gives bit for bit when it can tell.
    const fast = zb > 8.5 ? (za < -8.5 ? 1 : oneMinusTail(-za / SQRT2)) : za < -8.5 ? oneMinusTail(zb / SQRT2) : undefined;
    if (fast !== undefined) return Math.log(fast);
    return Math.log((zb > 8.5 ? 1 : normalCdf(zb)) - (za < -8.5 ? 0 : normalCdf(za)));
  }
  if (za > 0) return logNormalMass(-zb, -za);
  const lb = logNormalCdf(zb);
  const la = logNormalCdf(za);
  const mass = lb + Math.log1p(-Math.exp(la - lb));
  if (Number.isFinite(mass)) return mass;
  return logNormalPdf((za + zb) / 2) + Math.log(zb - za);
}

/** A draw from N(mu, sigma²) truncated to [low, high], by inverting the truncated distribution function. */
export function sampleTruncatedNormal(rng: Rng, mu: number, sigma: number, low: number, high: number): number {
  let za = (low - mu) / sigma;
  let zb = (high - mu) / sigma;
  // Work in the lower tail, where Φ keeps its relative precision.
  const mirrored = za > 0;
  if (mirrored) [za, zb] = [-zb, -za];
  const pa = normalCdf(za);
  const pb = normalCdf(zb);
  let z = normalQuantile(pa + rng.next() * (pb - pa));
  if (!Number.isFinite(z)) z = (za + zb) / 2;
  z = Math.min(zb, Math.max(za, z));
  const x = mu + sigma * (mirrored ? -z : z);
  return Math.min(high, Math.max(low, x));
}
