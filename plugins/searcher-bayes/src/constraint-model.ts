import type { Rng } from '@hyperspec/core';
import { logNormalCdf, logNormalPdf } from '@hyperspec/core/search';
import { GaussianProcess } from './gaussian-process.js';
import { fitHyperparameters } from './gp-hyperparameters.js';
import type { LengthscalePrior } from './gp-hyperparameters.js';

/**
 * A GP over one constraint's values (standardised), for the probability of feasibility of
 * M. A. Gardner, M. J. Kusner, Z. Xu, K. Q. Weinberger and J. P. Cunningham, "Bayesian Optimization
 * with Inequality Constraints", ICML 2014: Pr[c(x) ≤ 0] = Φ((t − μ(x)) / σ(x)), with t the threshold 0
 * in standardised units.
 */
export class ConstraintModel {
  private readonly threshold: number;

  private constructor(readonly gp: GaussianProcess, mean: number, scale: number) {
    this.threshold = (0 - mean) / scale;
  }

  /** Fits the model to `values[i]` at row i of `x` (n × d). */
  static fit(x: Float64Array, values: Float64Array, d: number, rng: Rng, o: { restarts: number; lengthscalePrior: LengthscalePrior }): ConstraintModel {
    const n = values.length;
    let mean = 0;
    for (const v of values) mean += v / n;
    let ss = 0;
    for (const v of values) ss += (v - mean) ** 2;
    const scale = n > 1 && ss > 0 ? Math.sqrt(ss / (n - 1)) : 1;
    const y = values.map((v) => (v - mean) / scale);
    const hyper = fitHyperparameters(x, y, n, d, rng, { restarts: o.restarts, maxIterations: 50, lengthscalePrior: o.lengthscalePrior });
    return new ConstraintModel(new GaussianProcess(x, y, d, hyper), mean, scale);
  }

  /** log Pr[feasible] at a point. */
  logFeasibility(x: Float64Array): number {
    const [mean, variance] = this.gp.predict(x);
    return logNormalCdf((this.threshold - mean) / Math.sqrt(variance));
  }

  /** log Pr[feasible] and its gradient (added into `grad`, at the columns `free`). */
  logFeasibilityWithGradient(x: Float64Array, free: readonly number[], grad: Float64Array, dMean: Float64Array, dVar: Float64Array): number {
    const [mean, variance] = this.gp.predictWithGradient(x, dMean, dVar);
    const sigma = Math.sqrt(variance);
    const z = (this.threshold - mean) / sigma;
    const logCdf = logNormalCdf(z);
    const ratio = Math.exp(logNormalPdf(z) - logCdf);
    free.forEach((col, i) => {
      const dz = -dMean[col] / sigma - (z * dVar[col]) / (2 * variance);
      grad[i] += ratio * dz;
    });
    return logCdf;
  }
}
