/** Kernels widen or narrow by at most this factor, so one isolated or crowded observation cannot take over. */
export const ADAPTIVE_CLAMP = 2;
/**
 * Only the latest this many observations adapt (pilot density summed over the same window); older
 * kernels keep the fixed width. The cost stays bounded (50² pairs) however long the study — a
 * suggestion at 1,000 trials stays within the ask-and-tell budget — and the window covers every
 * estimator of a 50-trial study, where the setting was chosen. Past 25 observations the older
 * kernels' weights are ramped down (`observationWeights`), so they matter least.
 */
export const PILOT_WINDOW = 50;
/** Pilot terms below e^−CUTOFF of their weight are left out (they change no factor beyond rounding). */
const CUTOFF = 40;

/**
 * Per-kernel bandwidth factors of an adaptive kernel density estimate (I. S. Abramson, "On bandwidth
 * variation in kernel estimates — a square root law", Annals of Statistics 10(4), 1982; B. W. Silverman,
 * "Density Estimation for Statistics and Data Analysis", 1986, §5.3): a pilot estimate f̃ with the
 * fixed bandwidth `h` is evaluated at every observation, and kernel k's bandwidth is multiplied by
 * λ_k = (f̃(x_k) / G)^(−α), G the geometric mean of the f̃(x_k) — α = ½ is Abramson's square-root law.
 * Kernels in crowded regions narrow (l(x) refines where good trials cluster), isolated ones widen.
 * λ_k is clamped to [1/ADAPTIVE_CLAMP, ADAPTIVE_CLAMP].
 *
 * `observations[k][j]` in the unit cube; only the dimensions in `numeric` enter the pilot (choices
 * have no distance). Kernels older than the latest PILOT_WINDOW get factor 1. Returns undefined
 * (fixed bandwidths) for fewer than 3 observations, where a pilot density says nothing.
 */
export function abramsonFactors(
  observations: readonly Float64Array[],
  weights: ArrayLike<number>,
  numeric: readonly number[],
  h: number,
  alpha: number,
): Float64Array | undefined {
  const n = observations.length;
  const dims = numeric.length;
  if (n < 3 || alpha <= 0 || dims === 0) return undefined;
  const first = Math.max(0, n - PILOT_WINDOW);
  const m = n - first;
  // Numeric coordinates of the window in one flat array: the loop below is O(m² · d).
  const x = new Float64Array(m * dims);
  for (let k = 0; k < m; k++) for (let j = 0; j < dims; j++) x[k * dims + j] = observations[first + k][numeric[j]];
  const scale = 0.5 / (h * h);
  // Kernel values e^−e of every pair, each computed once: e is symmetric bit for bit (the squared
  // differences are the same numbers, added in the same order), so the lower triangle is filled from
  // the upper one; 0 stands for a pair beyond the cutoff.
  const kernel = new Float64Array(m * m);
  for (let k = 0; k < m; k++) {
    for (let i = k; i < m; i++) {
      let e = 0;
      // A kernel whose exponent falls below −CUTOFF adds less than e^−CUTOFF of its weight: skip the rest.
      for (let j = 0; j < dims && e < CUTOFF; j++) {
        const d = x[k * dims + j] - x[i * dims + j];
        e += scale * d * d;
      }
      if (e < CUTOFF) kernel[k * m + i] = kernel[i * m + k] = Math.exp(-e);
    }
  }
  const logPilot = new Float64Array(m);
  let mean = 0;
  for (let k = 0; k < m; k++) {
    let sum = 0;
    for (let i = 0; i < m; i++) {
      const v = kernel[k * m + i];
      if (v !== 0) sum += weights[first + i] * v;
    }
    logPilot[k] = Math.log(sum);
    mean += logPilot[k] / m;
  }
  const factors = new Float64Array(n).fill(1);
  for (let k = 0; k < m; k++) factors[first + k] = Math.min(ADAPTIVE_CLAMP, Math.max(1 / ADAPTIVE_CLAMP, Math.exp(-alpha * (logPilot[k] - mean))));
  return factors;
}
