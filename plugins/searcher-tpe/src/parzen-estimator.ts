import type { Rng } from '@hyperspec/core';
import { fromUnit, roundUnit, unitCell, type ParamDef } from '@hyperspec/core/search';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
import { abramsonFactors } from './adaptive-bandwidth.js';
import { logNormalMass, sampleTruncatedNormal } from './truncated-normal.js';

/**
 * One mixture density over a group of parameters, as in the tree-structured Parzen estimator
 * (Bergstra et al., "Algorithms for Hyper-Parameter Optimization", NeurIPS 2011) with the
 * multivariate kernels of Falkner et al. (BOHB, ICML 2018) and the conventions of Optuna's
 * `_ParzenEstimator` (prior kernel, magic clip, ramped weights of old trials).
 *
 * Numeric parameters live in the unit cube (log scale for log ranges); each observation contributes
 * a normal kernel truncated to [0, 1]; an int's probability is its kernel mass over the int's cell.
 * A choice contributes a categorical kernel that puts weight 1 on the observed option plus a share
 * of the prior weight spread over all options.
 */
export interface ParzenSettings {
  priorWeight: number;
  magicClip: boolean;
  endpoints: boolean;
  multivariate: boolean;
  /** Multivariate bandwidth = bandwidthFactor · n^(−1/(D+4)) of the range. */
  bandwidthFactor: number;
  /** Smallest bandwidth (fraction of the range). */
  minBandwidth: number;
  /**
   * Multivariate: Abramson's α for per-kernel bandwidths from a pilot density (`abramsonFactors`);
   * 0 or absent keeps one bandwidth for every kernel.
   */
  adaptiveBandwidth?: number;
}

/** Optuna's default_weights: equal weights for up to 25 observations, older ones ramped down beyond. */
export function observationWeights(n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (n > 25) {
    const ramp = n - 25;
    for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1);
  }
  return w;
}

/** Univariate bandwidths: the larger distance to a neighbour among sorted centres (prior and range ends included). */
function neighbourSigmas(mus: number[], withPrior: boolean, endpoints: boolean): number[] {
  const centres = withPrior ? [...mus, 0.5] : [...mus];
  const order = centres.map((_, i) => i).sort((a, b) => centres[a] - centres[b]);
  const sorted = [0, ...order.map((i) => centres[i]), 1];
  const sig = new Array<number>(centres.length);
  for (let j = 1; j < sorted.length - 1; j++) sig[j - 1] = Math.max(sorted[j] - sorted[j - 1], sorted[j + 1] - sorted[j]);
  if (!endpoints && sorted.length >= 4) {
    sig[0] = sorted[2] - sorted[1];
    sig[sig.length - 1] = sorted[sorted.length - 2] - sorted[sorted.length - 3];
  }
  const out = new Array<number>(centres.length);
  order.forEach((i, j) => (out[i] = sig[j]));
  return out.slice(0, mus.length);
}

export class ParzenEstimator {
  private readonly logWeights: Float64Array;
  private readonly cumulative: Float64Array;
  /** Per parameter: kernel centres and bandwidths (numeric), or option probabilities per kernel (choice). */
  private readonly mus: Float64Array[] = [];
  private readonly sigmas: Float64Array[] = [];
  private readonly logNorm: Float64Array[] = [];
  private readonly logProbs: Float64Array[][] = [];
  /**
   * Per kernel: its log weight plus, over the continuous parameters, −log σ − log Z − log √(2π) — the
   * part of the log density that does not depend on the point, so `logPdf` adds only −z²/2 per
   * continuous parameter (it is called for every candidate against every kernel).
   */
  private readonly base: Float64Array;
  readonly kernels: number;

  /**
   * `observations[t][j]` is parameter j of observation t: a unit-cube position, or an option index.
   * `weights` (one per observation) replace the default ramp (MOTPE weighs good points by their
   * hypervolume contribution).
   */
  constructor(private readonly params: readonly ParamDef[], observations: readonly Float64Array[], s: ParzenSettings, weights?: ArrayLike<number>) {
    const n = observations.length;
    const withPrior = s.priorWeight > 0 || n === 0;
    const priorWeight = s.priorWeight > 0 ? s.priorWeight : 1;
    this.kernels = n + (withPrior ? 1 : 0);
    const w = new Float64Array(this.kernels);
    w.set(weights ?? observationWeights(n));
    if (withPrior) w[n] = n === 0 ? 1 : priorWeight;
    const total = w.reduce((a, b) => a + b, 0);
    this.logWeights = w.map((x) => Math.log(x / total));
    this.cumulative = new Float64Array(this.kernels);
    let acc = 0;
    for (let k = 0; k < this.kernels; k++) this.cumulative[k] = acc += w[k] / total;

    // Scott-like rule (as in BOHB and Optuna's multivariate TPE, which uses factor 0.2): c · n^(−1/(D+4)),
    // optionally varied per kernel by the pilot density at its centre.
    const scott = s.bandwidthFactor * Math.max(n, 1) ** (-1 / (params.length + 4));
    const numeric = params.flatMap((p, j) => (p.distribution.type === 'choice' ? [] : [j]));
    const local = s.multivariate && s.adaptiveBandwidth ? abramsonFactors(observations, w.subarray(0, n), numeric, scott, s.adaptiveBandwidth) : undefined;
    params.forEach((def, j) => {
      const d = def.distribution;
      if (d.type === 'choice') {
        const m = d.values.length;
        const rows: Float64Array[] = [];
        for (let k = 0; k < this.kernels; k++) {
          const row = new Float64Array(m).fill((withPrior ? priorWeight : 0) / this.kernels);
          if (k < n) row[observations[k][j]] += 1;
          if (k === n) row.fill(1 / m);
          const sum = row.reduce((a, b) => a + b, 0);
          rows.push(row.map((p) => Math.log(p / sum)));
        }
        this.logProbs[j] = rows;
        this.mus[j] = this.sigmas[j] = this.logNorm[j] = new Float64Array(0);
        return;
      }
      const centres = observations.map((o) => o[j]);
      let sig: number[];
      if (s.multivariate) {
        sig = local ? Array.from(local, (f) => scott * f) : new Array(n).fill(scott);
      } else {
        sig = neighbourSigmas(centres, withPrior, s.endpoints);
      }
      // Magic clip (Bergstra et al. 2013) floors univariate bandwidths at range / min(100, kernels + 1);
      // multivariate kernels already shrink with n by the rule above and use only the fixed floor.
      const magic = s.magicClip && !s.multivariate ? 1 / Math.min(100, 1 + this.kernels) : 0;
      const minSigma = Math.max(s.minBandwidth, magic, 1e-12);
      const mu = new Float64Array(this.kernels);
      const sigma = new Float64Array(this.kernels);
      for (let k = 0; k < n; k++) {
        mu[k] = centres[k];
        sigma[k] = Math.min(1, Math.max(minSigma, sig[k]));
      }
      if (withPrior) {
        mu[n] = 0.5;
        sigma[n] = 1;
      }
      this.mus[j] = mu;
      this.sigmas[j] = sigma;
      this.logNorm[j] = mu.map((m, k) => logNormalMass(-m / sigma[k], (1 - m) / sigma[k]));
      this.logProbs[j] = [];
    });
    this.base = Float64Array.from(this.logWeights);
    params.forEach((def, j) => {
      const type = def.distribution.type;
      if (type === 'choice' || type === 'int') return;
      for (let k = 0; k < this.kernels; k++) this.base[k] -= Math.log(this.sigmas[j][k]) + this.logNorm[j][k] + LOG_SQRT_2PI;
    });
  }

  /** Draws `count` points: a kernel by weight, then each parameter from that kernel (rounded to legal values). */
  sample(rng: Rng, count: number): Float64Array[] {
    const out: Float64Array[] = [];
    for (let c = 0; c < count; c++) {
      const u = rng.next();
      let k = 0;
      while (k < this.kernels - 1 && this.cumulative[k] < u) k++;
      const x = new Float64Array(this.params.length);
      this.params.forEach((def, j) => {
        const d = def.distribution;
        if (d.type === 'choice') {
          const r = rng.next();
          const row = this.logProbs[j][k];
          let acc = 0;
          let option = row.length - 1;
          for (let i = 0; i < row.length; i++) {
            acc += Math.exp(row[i]);
            if (r < acc) {
              option = i;
              break;
            }
          }
          x[j] = option;
        } else {
          x[j] = roundUnit(d, sampleTruncatedNormal(rng, this.mus[j][k], this.sigmas[j][k], 0, 1));
        }
      });
      out.push(x);
    }
    return out;
  }

  /** log density (log probability for ints and choices) of a point under the mixture. */
  logPdf(x: Float64Array): number {
    const terms = Float64Array.from(this.base);
    this.params.forEach((def, j) => {
      const d = def.distribution;
      if (d.type === 'choice') {
        const rows = this.logProbs[j];
        for (let k = 0; k < this.kernels; k++) terms[k] += rows[k][x[j]];
        return;
      }
      const mu = this.mus[j];
      const sigma = this.sigmas[j];
      const norm = this.logNorm[j];
      if (d.type === 'int') {
        const [a, b] = unitCell(d, fromUnit(d, x[j]));
        for (let k = 0; k < this.kernels; k++) terms[k] += logNormalMass((a - mu[k]) / sigma[k], (b - mu[k]) / sigma[k]) - norm[k];
      } else {
        const xj = x[j];
        for (let k = 0; k < this.kernels; k++) {
          const z = (xj - mu[k]) / sigma[k];
          terms[k] -= 0.5 * z * z;
        }
      }
    });
    let max = -Infinity;
    for (const t of terms) if (t > max) max = t;
    if (max === -Infinity) return -Infinity;
    let sum = 0;
    for (const t of terms) sum += Math.exp(t - max);
    return max + Math.log(sum);
  }
}
