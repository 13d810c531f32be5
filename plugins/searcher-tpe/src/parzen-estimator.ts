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

/** How a parameter enters the density: a truncated normal, its mass over an int's cell, or a categorical kernel. */
const CONTINUOUS = 0;
const INT = 1;
const CHOICE = 2;

/**
 * A kernel whose log term lies more than this below the largest one adds e^−40 ≈ 4e−18 of the largest
 * kernel's share: less than half an ulp of a sum that has reached 1, so adding it changes no bit (`logPdf`).
 */
const NEGLIGIBLE = 40;
const NO_CELLS = new Float64Array(0);

export class ParzenEstimator {
  private readonly cumulative: Float64Array;
  private readonly dims: number;
  /** Per parameter: CONTINUOUS, INT or CHOICE. */
  private readonly kinds: Uint8Array;
  /** Whether every parameter is CONTINUOUS (`logPdf` then runs a loop without the per-parameter switch). */
  private readonly continuous: boolean;
  /**
   * Kernel centres, bandwidths and log truncation masses of the numeric parameters, kernel by kernel:
   * entry k·dims + j is kernel k's for parameter j (unused for choices). One flat array each, so the
   * candidate loop of `logPdf` walks memory in order.
   */
  private readonly mus: Float64Array;
  private readonly sigmas: Float64Array;
  private readonly logNorm: Float64Array;
  /** Per choice parameter j, per kernel: the log probability of each option. */
  private readonly logProbs: Float64Array[][] = [];
  /**
   * Per kernel: its log weight plus, over the continuous parameters, −log σ − log Z − log √(2π) — the
   * part of the log density that does not depend on the point, so `logPdf` adds only −z²/2 per
   * continuous parameter (it is called for every candidate against every kernel).
   */
  private readonly base: Float64Array;
  /** Scratch of `logPdf`: each kernel's log term, and whether it was left unfinished as negligible. */
  private readonly terms: Float64Array;
  private readonly partial: Uint8Array;
  readonly kernels: number;

  /**
   * `observations[t][j]` is parameter j of observation t: a unit-cube position, or an option index.
   * `weights` (one per observation) replace the default ramp (MOTPE weighs good points by their
   * hypervolume contribution).
   */
  constructor(private readonly params: readonly ParamDef[], observations: readonly Float64Array[], s: ParzenSettings, weights?: ArrayLike<number>) {
    const n = observations.length;
    const D = params.length;
    const withPrior = s.priorWeight > 0 || n === 0;
    const priorWeight = s.priorWeight > 0 ? s.priorWeight : 1;
    const K = (this.kernels = n + (withPrior ? 1 : 0));
    this.dims = D;
    const w = new Float64Array(K);
    w.set(weights ?? observationWeights(n));
    if (withPrior) w[n] = n === 0 ? 1 : priorWeight;
    let total = 0;
    for (let k = 0; k < K; k++) total += w[k];
    this.base = new Float64Array(K);
    this.cumulative = new Float64Array(K);
    let acc = 0;
    for (let k = 0; k < K; k++) {
      this.base[k] = Math.log(w[k] / total);
      this.cumulative[k] = acc += w[k] / total;
    }
    this.terms = new Float64Array(K);
    this.partial = new Uint8Array(K);
    this.kinds = Uint8Array.from(params, (p) => (p.distribution.type === 'choice' ? CHOICE : p.distribution.type === 'int' ? INT : CONTINUOUS));
    this.continuous = this.kinds.every((kind) => kind === CONTINUOUS);
    const mus = (this.mus = new Float64Array(K * D));
    const sigmas = (this.sigmas = new Float64Array(K * D));
    const logNorm = (this.logNorm = new Float64Array(K * D));

    // Scott-like rule (as in BOHB and Optuna's multivariate TPE, which uses factor 0.2): c · n^(−1/(D+4)),
    // optionally varied per kernel by the pilot density at its centre.
    const scott = s.bandwidthFactor * Math.max(n, 1) ** (-1 / (D + 4));
    const numeric: number[] = [];
    for (let j = 0; j < D; j++) if (this.kinds[j] !== CHOICE) numeric.push(j);
    const local = s.multivariate && s.adaptiveBandwidth ? abramsonFactors(observations, w.subarray(0, n), numeric, scott, s.adaptiveBandwidth) : undefined;
    // Magic clip (Bergstra et al. 2013) floors univariate bandwidths at range / min(100, kernels + 1);
    // multivariate kernels already shrink with n by the rule above and use only the fixed floor.
    const magic = s.magicClip && !s.multivariate ? 1 / Math.min(100, 1 + K) : 0;
    const minSigma = Math.max(s.minBandwidth, magic, 1e-12);
    // Numeric parameters' univariate bandwidths (by parameter), choices' kernels.
    const uni: (number[] | undefined)[] = [];
    for (let j = 0; j < D; j++) {
      const d = params[j].distribution;
      this.logProbs[j] = [];
      if (d.type !== 'choice') {
        if (!s.multivariate) uni[j] = neighbourSigmas(observations.map((o) => o[j]), withPrior, s.endpoints);
        continue;
      }
      const m = d.values.length;
      for (let k = 0; k < K; k++) {
        const row = new Float64Array(m).fill((withPrior ? priorWeight : 0) / K);
        if (k < n) row[observations[k][j]] += 1;
        if (k === n) row.fill(1 / m);
        const sum = row.reduce((a, b) => a + b, 0);
        this.logProbs[j].push(row.map((p) => Math.log(p / sum)));
      }
    }
    // Kernel by kernel (each observation's row read once, the flat arrays written in order), each kernel's
    // numeric parameters in order, so `base[k]` subtracts the same numbers in the same order as ever.
    // A multivariate kernel has one width for every parameter, so one log σ.
    let lastSigma = NaN;
    let logSigma = NaN;
    for (let k = 0; k < K; k++) {
      const o = k < n ? observations[k] : undefined;
      const kernelSigma = o ? (local ? scott * local[k] : scott) : 1;
      let b = this.base[k];
      for (const j of numeric) {
        const i = k * D + j;
        const mu = o ? o[j] : 0.5;
        const u = uni[j];
        const sigma = o ? Math.min(1, Math.max(minSigma, u ? u[k] : kernelSigma)) : 1;
        mus[i] = mu;
        sigmas[i] = sigma;
        const norm = (logNorm[i] = logNormalMass(-mu / sigma, (1 - mu) / sigma));
        if (this.kinds[j] === INT) continue;
        if (sigma !== lastSigma) logSigma = Math.log((lastSigma = sigma));
        b -= logSigma + norm + LOG_SQRT_2PI;
      }
      this.base[k] = b;
    }
  }

  /** Draws `count` points: a kernel by weight, then each parameter from that kernel (rounded to legal values). */
  sample(rng: Rng, count: number): Float64Array[] {
    const D = this.dims;
    const out: Float64Array[] = [];
    for (let c = 0; c < count; c++) {
      const u = rng.next();
      let k = 0;
      while (k < this.kernels - 1 && this.cumulative[k] < u) k++;
      const x = new Float64Array(D);
      for (let j = 0; j < D; j++) {
        const d = this.params[j].distribution;
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
          x[j] = roundUnit(d, sampleTruncatedNormal(rng, this.mus[k * D + j], this.sigmas[k * D + j], 0, 1));
        }
      }
      out.push(x);
    }
    return out;
  }

  /**
   * Kernel k's log term at x, or, when it falls below `floor` before the last parameter, the term so far
   * (then `partial[k]` is set). Parameters are added in order, so a finished term has the same bits
   * however it was reached. `cells` holds each int parameter's cell at x.
   */
  private term(k: number, x: Float64Array, cells: Float64Array, floor: number): number {
    const D = this.dims;
    const { mus, sigmas, kinds } = this;
    let t = this.base[k];
    let j = 0;
    if (this.continuous) {
      for (let i = k * D; j < D; j++, i++) {
        const z = (x[j] - mus[i]) / sigmas[i];
        t -= 0.5 * z * z;
        if (t < floor) break;
      }
    } else {
      for (let i = k * D; j < D; j++, i++) {
        const kind = kinds[j];
        if (kind === CONTINUOUS) {
          const z = (x[j] - mus[i]) / sigmas[i];
          t -= 0.5 * z * z;
        } else if (kind === INT) {
          t += logNormalMass((cells[2 * j] - mus[i]) / sigmas[i], (cells[2 * j + 1] - mus[i]) / sigmas[i]) - this.logNorm[i];
        } else {
          t += this.logProbs[j][k][x[j]];
        }
        if (t < floor) break;
      }
    }
    this.partial[k] = j < D - 1 ? 1 : 0;
    return t;
  }

  /**
   * log density (log probability for ints and choices) of a point under the mixture: log Σ_k e^{t_k}
   * with t_k kernel k's log term, as max + log Σ e^{t_k − max}, summed in kernel order. Every
   * parameter's term is ≤ 0 (up to rounding), so a kernel whose running term falls NEGLIGIBLE below
   * the largest finished term so far ends below the final max by more than that: it is left unfinished
   * and not added once the sum has reached 1 (where it changes no bit); before that it is finished and
   * added as usual. The result is bit for bit that of finishing and adding every kernel.
   */
  logPdf(x: Float64Array): number {
    const K = this.kernels;
    const { terms, partial } = this;
    let cells = NO_CELLS;
    if (!this.continuous) {
      cells = new Float64Array(2 * this.dims);
      this.params.forEach((def, j) => {
        const d = def.distribution;
        if (d.type === 'int') [cells[2 * j], cells[2 * j + 1]] = unitCell(d, fromUnit(d, x[j]));
      });
    }
    // The largest term does not depend on the order the kernels are visited in; newest first, since the
    // latest trials are the likeliest to lie near x (and a high running max leaves more kernels unfinished).
    let max = -Infinity;
    for (let k = K - 1; k >= 0; k--) {
      const t = (terms[k] = this.term(k, x, cells, max - NEGLIGIBLE));
      if (t > max && !partial[k]) max = t;
    }
    if (max === -Infinity) return -Infinity;
    // A term below `skip` adds less than e^−NEGLIGIBLE of the sum so far: under half its ulp, no bit.
    // `skip` follows the sum up in steps (a log each), so it lags a little behind the exact bound.
    let sum = 0;
    let skip = -Infinity;
    let raiseAt = 0;
    for (let k = 0; k < K; k++) {
      const t = terms[k];
      if (t < skip) continue;
      sum += Math.exp((partial[k] ? this.term(k, x, cells, -Infinity) : t) - max);
      if (sum > raiseAt) {
        skip = max + Math.log(sum) - NEGLIGIBLE;
        raiseAt = 16 * sum;
      }
    }
    return max + Math.log(sum);
  }
}
