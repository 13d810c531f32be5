import type { GpHyperparameters } from './gp-hyperparameters.js';
import { choleskyWithJitter, solveLower, solveLowerTransposed } from './linalg.js';
import { matern52, matern52Factor } from './matern52.js';
import { kumaraswamyWarp, kumaraswamyWarpWithGradient, warpRows } from './input-warping.js';

/**
 * The posterior of a zero-mean Gaussian process with a Matérn-5/2 ARD kernel, conditioned on
 * (X, y) (Rasmussen & Williams, Algorithm 2.1): mean k*ᵀα, variance k** − vᵀv with v = L⁻¹k*.
 * With `hyper.warp` the kernel sees warped inputs (input-warping.ts); points are always given and
 * gradients returned in the unwarped cube (chain rule through ∂w/∂u), so callers never see the warp.
 */
export class GaussianProcess {
  readonly n: number;
  private readonly invL2: Float64Array;
  private readonly signal: number;
  private readonly l: Float64Array;
  private readonly alpha: Float64Array;
  private readonly kStar: Float64Array;
  private readonly v: Float64Array;
  /** The inputs the kernel sees: `x` with warped columns warped (`x` itself without a warp). */
  private readonly xw: Float64Array;
  private readonly query: Float64Array;
  private readonly warpShapes?: { a: Float64Array; b: Float64Array };

  constructor(readonly x: Float64Array, readonly y: Float64Array, readonly d: number, readonly hyper: GpHyperparameters) {
    const n = y.length;
    this.n = n;
    const warp = hyper.warp;
    this.xw = warp ? warpRows(x, n, d, warp) : x;
    this.query = new Float64Array(d);
    if (warp) this.warpShapes = { a: warp.logA.map(Math.exp), b: warp.logB.map(Math.exp) };
    this.invL2 = hyper.logLengthscales.map((l) => Math.exp(-2 * l));
    this.signal = Math.exp(hyper.logSignal);
    const noise = Math.exp(hyper.logNoise);
    const k = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      k[a * n + a] = this.signal + noise;
      for (let b = 0; b < a; b++) k[a * n + b] = k[b * n + a] = matern52(this.r2(this.xw, a, b), this.signal);
    }
    this.l = choleskyWithJitter(k, n).l;
    this.alpha = solveLowerTransposed(this.l, n, solveLower(this.l, n, y));
    this.kStar = new Float64Array(n);
    this.v = new Float64Array(n);
  }

  private r2(other: Float64Array, a: number, b: number): number {
    const d = this.d;
    let r2 = 0;
    for (let j = 0; j < d; j++) {
      const t = other[a * d + j] - this.xw[b * d + j];
      r2 += t * t * this.invL2[j];
    }
    return r2;
  }

  /** A process with the same kernel conditioned on more data (e.g. fantasies for running trials). */
  withData(extraX: Float64Array, extraY: Float64Array): GaussianProcess {
    const x = new Float64Array(this.x.length + extraX.length);
    x.set(this.x);
    x.set(extraX, this.x.length);
    const y = new Float64Array(this.n + extraY.length);
    y.set(this.y);
    y.set(extraY, this.n);
    return new GaussianProcess(x, y, this.d, this.hyper);
  }

  /**
   * Point `row` of `points` as the kernel sees it: `points` itself without a warp, else the warped copy
   * in `query` (its row 0; `kernelRow` says which row to read). No allocation: `predict` runs per
   * screened candidate.
   */
  private kernelPoints(points: Float64Array, row: number): Float64Array {
    const warp = this.hyper.warp;
    if (!warp) return points;
    const d = this.d;
    const q = this.query;
    for (let j = 0; j < d; j++) q[j] = points[row * d + j];
    warp.columns.forEach((col, k) => (q[col] = kumaraswamyWarp(q[col], this.warpShapes!.a[k], this.warpShapes!.b[k])));
    return q;
  }

  private kernelRow(row: number): number {
    return this.hyper.warp ? 0 : row;
  }

  /** Posterior mean and variance at point `row` of `points`. */
  predict(points: Float64Array, row = 0): [number, number] {
    const n = this.n;
    const p = this.kernelPoints(points, row);
    const r = this.kernelRow(row);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      this.kStar[i] = matern52(this.r2(p, r, i), this.signal);
      mean += this.kStar[i] * this.alpha[i];
    }
    solveLower(this.l, n, this.kStar, this.v);
    let vv = 0;
    for (let i = 0; i < n; i++) vv += this.v[i] * this.v[i];
    return [mean, Math.max(this.signal - vv, 1e-12 * this.signal)];
  }

  /** Like `predict` for one point `x`, also writing ∂mean/∂x and ∂variance/∂x. */
  predictWithGradient(x: Float64Array, dMean: Float64Array, dVar: Float64Array): [number, number] {
    const n = this.n;
    const d = this.d;
    const [mean, variance] = this.predict(x, 0);
    // w = K⁻¹k*, so ∂var/∂x = −2 Σ_i w_i ∂k*_i/∂x.
    const w = solveLowerTransposed(this.l, n, this.v, new Float64Array(n));
    const xw = this.kernelPoints(x, 0);
    dMean.fill(0);
    dVar.fill(0);
    for (let i = 0; i < n; i++) {
      const q = matern52Factor(this.r2(xw, 0, i), this.signal);
      const cm = -q * this.alpha[i];
      const cv = 2 * q * w[i];
      for (let j = 0; j < d; j++) {
        const t = (xw[j] - this.xw[i * d + j]) * this.invL2[j];
        dMean[j] += cm * t;
        dVar[j] += cv * t;
      }
    }
    // Back to the unwarped cube: ∂/∂u_j = ∂/∂w_j · ∂w/∂u_j.
    const warp = this.hyper.warp;
    if (warp) {
      const g = new Float64Array(3);
      warp.columns.forEach((col, k) => {
        kumaraswamyWarpWithGradient(x[col], this.warpShapes!.a[k], this.warpShapes!.b[k], g);
        dMean[col] *= g[0];
        dVar[col] *= g[0];
      });
    }
    return [mean, variance];
  }
}
