import type { Rng } from '@hyperspec/core';
import type { ParzenEstimator } from './parzen-estimator.js';

/** What the acquisition needs of a density: draws and a log density. */
export interface Density {
  logPdf(x: Float64Array): number;
  sample(rng: Rng, count: number): Float64Array[];
}

/**
 * A linear combination of two density estimates of the same points (P. Smyth and D. Wolpert,
 * "Linearly Combining Density Estimators via Stacking", Machine Learning 36, 1999): the joint-kernel
 * mixture, with share 1 − s, and the product of per-parameter mixtures (univariate TPE's density), with
 * share s. Near a good trial the joint kernels dominate; a point that recombines coordinates of
 * different good trials, which every joint kernel calls unlikely, keeps the density the per-parameter
 * model gives it, so such crossovers can win the acquisition when g(x) is low there too.
 */
export class StackedDensity implements Density {
  private readonly logJointShare: number;
  private readonly logProductShare: number;
  /** Scratch of `logPdf`: the one coordinate a per-parameter mixture is evaluated at. */
  private readonly one = new Float64Array(1);

  /** `perParam[j]` models column j alone. */
  constructor(
    private readonly joint: ParzenEstimator,
    private readonly perParam: readonly ParzenEstimator[],
    private readonly share: number,
  ) {
    this.logJointShare = Math.log1p(-share);
    this.logProductShare = Math.log(share);
  }

  logPdf(x: Float64Array): number {
    let product = this.logProductShare;
    const one = this.one;
    for (let j = 0; j < this.perParam.length; j++) {
      one[0] = x[j];
      product += this.perParam[j].logPdf(one);
    }
    const a = this.logJointShare + this.joint.logPdf(x);
    if (a === -Infinity) return product;
    if (product === -Infinity) return a;
    const m = Math.max(a, product);
    return m + Math.log(Math.exp(a - m) + Math.exp(product - m));
  }

  /** round(s·count) draws with each coordinate from its own mixture, the rest from the joint kernels. */
  sample(rng: Rng, count: number): Float64Array[] {
    const fromProduct = Math.round(this.share * count);
    const out = this.joint.sample(rng, count - fromProduct);
    const product = Array.from({ length: fromProduct }, () => new Float64Array(this.perParam.length));
    this.perParam.forEach((pe, j) => pe.sample(rng, fromProduct).forEach((x, c) => (product[c][j] = x[0])));
    return [...out, ...product];
  }
}
