import type { Rng } from '@hyperspec/core';
import { logNormalCdf, logNormalPdf, normalCdf, normalQuantile } from '@hyperspec/core/search';

/**
 * log(Φ(zb) − Φ(za)) for za < zb, accurate when both bounds lie deep in one tail (it works in the
 * lower tail, mirroring an upper-tail interval, and falls back to the midpoint density for slivers).
 */
export function logNormalMass(za: number, zb: number): number {
  // Bounds on both sides of the mean (a kernel centred inside its range) and not a sliver: Φ(zb) ≥ ½ ≥
  // Φ(za), so the direct difference loses no relative precision — and it is the common, cheap case.
  // Beyond ±8.5 a tail is below 1e-17, negligible beside a mass of at least 4e-4 (bounds 1e-3 apart
  // around the mean): skip computing it.
  if (za <= 0 && zb >= 0 && zb - za > 1e-3) return Math.log((zb > 8.5 ? 1 : normalCdf(zb)) - (za < -8.5 ? 0 : normalCdf(za)));
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
