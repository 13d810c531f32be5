import { normalQuantile } from '@hyperspec/core/search';

export type OutputTransform = 'auto' | 'none' | 'log' | 'rank' | 'power';

/** Targets for the GP plus, per point, log |d target / d loss| (to compare transforms by likelihood). */
export interface TransformedOutputs {
  values: Float64Array;
  logJacobian: Float64Array;
}

function standardise(y: Float64Array, logSlope: Float64Array = new Float64Array(y.length)): TransformedOutputs {
  const n = y.length;
  let mean = 0;
  for (const v of y) mean += v;
  mean /= n;
  let varSum = 0;
  for (const v of y) varSum += (v - mean) * (v - mean);
  const std = n > 1 ? Math.sqrt(varSum / (n - 1)) : 0;
  const scale = std > 0 ? std : 1;
  return { values: y.map((v) => (v - mean) / scale), logJacobian: logSlope.map((l) => l - Math.log(scale)) };
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

/** Box–Cox transform (Box & Cox 1964) of positive values. */
function boxCox(v: number, lambda: number): number {
  return lambda === 0 ? Math.log(v) : (v ** lambda - 1) / lambda;
}

/**
 * Shifts losses to be positive: (y − min) / scale + c, with the scale the median's distance from the
 * best and c = 0.01 of it, so the best points keep resolution after a log while the offset stays
 * below the gaps a search cares about.
 */
function shifted(y: Float64Array): { values: Float64Array; scale: number } {
  const sorted = Float64Array.from(y).sort();
  const min = sorted[0];
  let scale = median(sorted) - min;
  if (!(scale > 0)) scale = sorted[sorted.length - 1] - min;
  if (!(scale > 0)) scale = 1;
  return { values: y.map((v) => (v - min) / scale + 0.01), scale };
}

/**
 * Box–Cox λ in [0, 1] by maximum profile likelihood of a normal model (with the transform's
 * Jacobian): λ = 1 keeps the shape, λ → 0 is a log that tames heavy right tails such as
 * Rosenbrock's. λ > 1 would squeeze the good (low) end, which a minimiser needs resolved, so it is
 * not considered.
 */
export function boxCoxLambda(positive: Float64Array): number {
  const n = positive.length;
  let sumLog = 0;
  for (const v of positive) sumLog += Math.log(v);
  let best = 1;
  let bestLl = -Infinity;
  for (let step = 0; step <= 20; step++) {
    const lambda = step / 20;
    const t = positive.map((v) => boxCox(v, lambda));
    let mean = 0;
    for (const v of t) mean += v;
    mean /= n;
    let ss = 0;
    for (const v of t) ss += (v - mean) * (v - mean);
    const ll = -0.5 * n * Math.log(ss / n + 1e-300) + (lambda - 1) * sumLog;
    if (ll > bestLl) {
      bestLl = ll;
      best = lambda;
    }
  }
  return best;
}

/**
 * Maps losses to standardised GP targets. Every option is monotone, so the best point stays best:
 * `none` standardises; `log` takes the log of the shifted losses; `power` applies the Box–Cox
 * transform with the λ ∈ [0, 1] the data supports (a warped-output GP in the spirit of Snelson et
 * al., "Warped Gaussian Processes", NeurIPS 2004; HEBO, Cowen-Rivers et al. 2022, uses power
 * transforms the same way); `rank` maps ranks to normal scores (a Gaussian copula, as in Salinas et
 * al., ICML 2020). `auto` is resolved by the searcher, which fits `none` and `power` and keeps the
 * one with the higher likelihood of the original losses.
 */
export function transformOutputs(losses: Float64Array, kind: Exclude<OutputTransform, 'auto'>): TransformedOutputs {
  const n = losses.length;
  if (n < 3 || kind === 'none') return standardise(losses);
  if (kind === 'rank') {
    const order = Array.from(losses.keys()).sort((a, b) => losses[a] - losses[b]);
    const scores = new Float64Array(n);
    // Ties share the mean of their ranks.
    for (let i = 0; i < n; ) {
      let j = i;
      while (j + 1 < n && losses[order[j + 1]] === losses[order[i]]) j++;
      const score = normalQuantile(((i + j) / 2 + 0.5) / n);
      for (let k = i; k <= j; k++) scores[order[k]] = score;
      i = j + 1;
    }
    // A rank transform has no density; it is never compared by likelihood.
    return standardise(scores);
  }
  const { values: positive, scale } = shifted(losses);
  const lambda = kind === 'log' ? 0 : boxCoxLambda(positive);
  // d/dy BoxCox((y − min)/scale + c) = v^(λ−1) / scale.
  const logSlope = positive.map((v) => (lambda - 1) * Math.log(v) - Math.log(scale));
  return standardise(positive.map((v) => boxCox(v, lambda)), logSlope);
}
