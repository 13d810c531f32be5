import type { ParzenEstimator } from './parzen-estimator.js';

/**
 * One way of modelling a group's parameters: blocks of columns, each with its own l(x) and g(x) —
 * one block over every column (multivariate kernels) or one block per column (univariate TPE, whose
 * density is the product of the per-parameter marginals).
 */
export interface BlockModel {
  columns: number[];
  l: ParzenEstimator;
  g: ParzenEstimator;
  /** g(x) holds the bad trials from this index on: bad trial k is its kernel k − badOffset. */
  badOffset: number;
}

/** Evaluation points of the bad group: its latest ones, which bounds the cost however long the study. */
export const LOO_LATEST_BAD = 50;

function restrict(x: Float64Array, columns: number[]): Float64Array {
  return columns.length === x.length ? x : Float64Array.from(columns, (j) => x[j]);
}

/**
 * Leave-one-out log density ratios log l(x) − log g(x) at the observed trials: each trial is scored
 * with its own kernel left out of the mixture that holds it — likelihood cross-validation
 * (J. D. F. Habbema, J. Hermans and K. van den Broek, "A stepwise discriminant analysis program using
 * density estimation", COMPSTAT 1974; R. P. W. Duin, "On the choice of smoothing parameters for Parzen
 * estimators of probability density functions", IEEE Trans. Computers 25(11), 1976).
 *
 * `good[i]` is kernel i of every block's l(x), `bad[i]` kernel i of every g(x). Every good trial is
 * scored, and the latest `LOO_LATEST_BAD` bad ones (which bounds the cost however long the study).
 */
export function looLogRatios(model: readonly BlockModel[], good: readonly Float64Array[], bad: readonly Float64Array[]): { good: number[]; bad: number[] } {
  const ratio = (x: Float64Array, k: number, isGood: boolean): number => {
    let out = 0;
    for (const { columns, l, g, badOffset } of model) {
      const xb = restrict(x, columns);
      if (isGood) out += l.logPdfWithout(xb, k) - g.logPdf(xb);
      else out += l.logPdf(xb) - (k >= badOffset ? g.logPdfWithout(xb, k - badOffset) : g.logPdf(xb));
    }
    return out;
  };
  const badScores: number[] = [];
  for (let k = Math.max(0, bad.length - LOO_LATEST_BAD); k < bad.length; k++) badScores.push(ratio(bad[k], k, false));
  return { good: good.map((x, k) => ratio(x, k, true)), bad: badScores };
}

/**
 * Log-likelihood of the good/bad labels given leave-one-out log ratios r = log l − log g, TPE read as a
 * classifier (L. Tiao, A. Klein, M. Seeger, E. V. Bonilla, C. Archambeau and F. Ramos, "BORE: Bayesian
 * Optimization by Density-Ratio Estimation", ICML 2021): P(good | x) = γ·l / (γ·l + (1 − γ)·g).
 */
export function labelLogLikelihood(ratios: { good: number[]; bad: number[] }, gamma: number): number {
  const odds = Math.log(gamma) - Math.log1p(-gamma);
  // log P(good) = −log(1 + e^−(odds + r)); log P(bad) = −log(1 + e^(odds + r)).
  const softplus = (z: number): number => (z > 30 ? z : Number.isNaN(z) ? 0 : Math.log1p(Math.exp(z)));
  let total = 0;
  for (const r of ratios.good) total -= softplus(-(odds + r));
  for (const r of ratios.bad) total -= softplus(odds + r);
  return total;
}

/**
 * Share of (good, bad) pairs whose leave-one-out ratios are in the right order (ties count half) —
 * the area under the ROC curve as the Mann–Whitney statistic (J. A. Hanley and B. J. McNeil, "The
 * meaning and use of the area under a receiver operating characteristic (ROC) curve", Radiology
 * 143(1), 1982). Only the order of l/g matters to TPE's acquisition, which suggests its argmax, so this
 * judges a model by what TPE uses of it, not by its calibration.
 */
export function pairOrderShare(ratios: { good: number[]; bad: number[] }): number {
  let right = 0;
  for (const a of ratios.good) for (const b of ratios.bad) right += a > b ? 1 : a === b ? 0.5 : 0;
  return right / Math.max(1, ratios.good.length * ratios.bad.length);
}
