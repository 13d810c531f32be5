import type { Rng } from '@hyperspec/core';
import { choleskyWithJitter, inverseFromCholesky, solveLower, solveLowerTransposed } from './linalg.js';
import { minimizeLbfgs } from './lbfgs.js';
import { matern52, matern52Factor } from './matern52.js';
import { LOG_WARP, WARP_PRIOR, kumaraswamyWarpWithGradient, type InputWarp } from './input-warping.js';

/**
 * Kernel hyperparameters on the log scale: one length scale per input, signal variance, noise
 * variance, and optionally the input warps (input-warping.ts) of some columns.
 */
export interface GpHyperparameters {
  logLengthscales: Float64Array;
  logSignal: number;
  logNoise: number;
  warp?: InputWarp;
}

export type LengthscalePrior = 'gamma' | 'lognormal';

/** Bounds of the log-hyperparameters (inputs are in [0, 1], outputs standardised). */
const LOG_LENGTHSCALE = [Math.log(1e-2), Math.log(1e2)];
const LOG_SIGNAL = [Math.log(5e-2), Math.log(2e1)];
export const MIN_NOISE = 1e-6;
const LOG_NOISE = [Math.log(MIN_NOISE), Math.log(0.5)];

/**
 * log prior and its derivative in log θ. Priors are densities of θ itself (GPyTorch's convention,
 * so the MAP matches BoTorch's), differentiated with respect to log θ:
 * Gamma(a, b): (a − 1)·log θ − b·θ;  LogNormal(μ, σ): −log θ − (log θ − μ)² / (2σ²).
 */
function logGamma(logv: number, a: number, b: number): [number, number] {
  const v = Math.exp(logv);
  return [(a - 1) * logv - b * v, a - 1 - b * v];
}
function logLogNormal(logv: number, mu: number, sigma: number): [number, number] {
  const t = (logv - mu) / sigma;
  return [-logv - 0.5 * t * t, -1 - t / sigma];
}

/**
 * Priors after BoTorch's defaults: length scales Gamma(3, 6) (SingleTaskGP before 2024) or the
 * dimension-scaled LogNormal(√2 + ½·log d, √3) of Hvarfner, Hellsten & Nardi, "Vanilla Bayesian
 * Optimization Performs Great in High Dimensions" (ICML 2024); signal variance Gamma(2, 0.15);
 * noise Gamma(1.1, 0.05).
 */
function logPrior(theta: Float64Array, d: number, lengthscalePrior: LengthscalePrior, grad: Float64Array): number {
  let lp = 0;
  const mu = Math.SQRT2 + 0.5 * Math.log(d);
  for (let j = 0; j < d; j++) {
    const [v, g] = lengthscalePrior === 'gamma' ? logGamma(theta[j], 3, 6) : logLogNormal(theta[j], mu, Math.sqrt(3));
    lp += v;
    grad[j] = g;
  }
  const [vs, gs] = logGamma(theta[d], 2, 0.15);
  const [vn, gn] = logGamma(theta[d + 1], 1.1, 0.05);
  grad[d] = gs;
  grad[d + 1] = gn;
  return lp + vs + vn;
}

/**
 * Negative log marginal likelihood plus negative log prior, and its gradient in θ = [log ℓ, log s,
 * log σ²ₙ] (Rasmussen & Williams eq. 5.8–5.9: ∂/∂θ log p(y|X) = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ)). With
 * `warpColumns` (m of them) θ continues with [log a (m), log b (m)] of their Kumaraswamy warps
 * (input-warping.ts): the kernel sees the warped inputs, and ∂K_ab/∂log a_j = ∂k/∂x_j at the warped
 * pair times (∂w_a/∂log a_j − ∂w_b/∂log a_j), as k depends on x_a − x_b only.
 */
export function negativeLogPosterior(theta: Float64Array, xRaw: Float64Array, y: Float64Array, n: number, d: number, lengthscalePrior: LengthscalePrior, grad: Float64Array, warpColumns: readonly number[] = []): number {
  const m = warpColumns.length;
  let x = xRaw;
  // ∂w/∂log a and ∂w/∂log b of each row's warped columns (n × m each).
  const dA = new Float64Array(n * m);
  const dB = new Float64Array(n * m);
  if (m > 0) {
    x = Float64Array.from(xRaw);
    const g = new Float64Array(3);
    warpColumns.forEach((col, k) => {
      const a = Math.exp(theta[d + 2 + k]);
      const b = Math.exp(theta[d + 2 + m + k]);
      for (let i = 0; i < n; i++) {
        x[i * d + col] = kumaraswamyWarpWithGradient(xRaw[i * d + col], a, b, g);
        dA[i * m + k] = g[1];
        dB[i * m + k] = g[2];
      }
    });
  }
  const invL2 = new Float64Array(d);
  for (let j = 0; j < d; j++) invL2[j] = Math.exp(-2 * theta[j]);
  const s = Math.exp(theta[d]);
  const noise = Math.exp(theta[d + 1]);
  const k = new Float64Array(n * n);
  const q = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    k[a * n + a] = s + noise;
    for (let b = 0; b < a; b++) {
      let r2 = 0;
      for (let j = 0; j < d; j++) {
        const t = x[a * d + j] - x[b * d + j];
        r2 += t * t * invL2[j];
      }
      const v = matern52(r2, s);
      k[a * n + b] = k[b * n + a] = v;
      q[a * n + b] = matern52Factor(r2, s);
    }
  }
  let l: Float64Array;
  try {
    l = choleskyWithJitter(k, n).l;
  } catch {
    grad.fill(0);
    return Infinity;
  }
  const alpha = solveLowerTransposed(l, n, solveLower(l, n, y));
  let nll = 0;
  for (let i = 0; i < n; i++) nll += 0.5 * y[i] * alpha[i] + Math.log(l[i * n + i]);
  nll += 0.5 * n * Math.log(2 * Math.PI);
  const kinv = inverseFromCholesky(l, n);
  // W = ααᵀ − K⁻¹; the gradient of the log likelihood is ½ Σ W ⊙ ∂K.
  grad.fill(0);
  let traceW = 0;
  let signalTerm = 0;
  for (let a = 0; a < n; a++) {
    const waa = alpha[a] * alpha[a] - kinv[a * n + a];
    traceW += waa;
    signalTerm += waa * s;
    for (let b = 0; b < a; b++) {
      const w = alpha[a] * alpha[b] - kinv[a * n + b];
      // Off-diagonal pairs count twice (W and ∂K are symmetric); the ½ cancels that.
      signalTerm += 2 * w * k[a * n + b];
      const wq = w * q[a * n + b];
      for (let j = 0; j < d; j++) {
        const t = x[a * d + j] - x[b * d + j];
        grad[j] += wq * t * t * invL2[j];
      }
      // ∂k/∂x_a,j = −q·Δ_j/ℓ_j² (and the opposite for x_b,j).
      for (let k = 0; k < m; k++) {
        const col = warpColumns[k];
        const dk = -wq * (x[a * d + col] - x[b * d + col]) * invL2[col];
        grad[d + 2 + k] += dk * (dA[a * m + k] - dA[b * m + k]);
        grad[d + 2 + m + k] += dk * (dB[a * m + k] - dB[b * m + k]);
      }
    }
  }
  // grad holds ∂(log likelihood) so far; negate and add the prior.
  for (let j = 0; j < d; j++) grad[j] = -grad[j];
  grad[d] = -0.5 * signalTerm;
  grad[d + 1] = -0.5 * noise * traceW;
  const priorGrad = new Float64Array(d + 2);
  let lp = logPrior(theta, d, lengthscalePrior, priorGrad);
  for (let i = 0; i < d + 2; i++) grad[i] -= priorGrad[i];
  for (let i = d + 2; i < d + 2 + 2 * m; i++) {
    const [v, g] = logLogNormal(theta[i], WARP_PRIOR.mu, WARP_PRIOR.sigma);
    lp += v;
    grad[i] = -grad[i] - g;
  }
  return nll - lp;
}

export interface FitOptions {
  restarts: number;
  maxIterations: number;
  lengthscalePrior: LengthscalePrior;
  /** Feature columns given a fitted Kumaraswamy input warp (none by default). */
  warpColumns?: readonly number[];
}

/**
 * Maximum a posteriori hyperparameters: L-BFGS-B from the prior's central values and from
 * `restarts` random starts drawn around them; the best optimum wins.
 */
export function fitHyperparameters(x: Float64Array, y: Float64Array, n: number, d: number, rng: Rng, o: FitOptions): GpHyperparameters & { negLogPosterior: number } {
  const warpColumns = o.warpColumns ?? [];
  const m = warpColumns.length;
  const size = d + 2 + 2 * m;
  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  for (let j = 0; j < d; j++) [lower[j], upper[j]] = LOG_LENGTHSCALE;
  [lower[d], upper[d]] = LOG_SIGNAL;
  [lower[d + 1], upper[d + 1]] = LOG_NOISE;
  for (let i = d + 2; i < size; i++) [lower[i], upper[i]] = LOG_WARP;
  const centreLengthscale = o.lengthscalePrior === 'gamma' ? Math.log(0.5) : Math.SQRT2 + 0.5 * Math.log(d) - 1;
  const starts: Float64Array[] = [];
  for (let r = 0; r <= o.restarts; r++) {
    const t = new Float64Array(size);
    for (let j = 0; j < d; j++) t[j] = centreLengthscale + (r === 0 ? 0 : rng.normal() * 0.75);
    t[d] = r === 0 ? 0 : rng.normal() * 0.5;
    t[d + 1] = r === 0 ? Math.log(1e-3) : Math.log(1e-4) + rng.normal();
    // Warps start at the identity (the prior's median), restarts at a draw from half the prior's width.
    for (let i = d + 2; i < size; i++) t[i] = r === 0 ? 0 : rng.normal() * 0.5 * WARP_PRIOR.sigma;
    starts.push(t);
  }
  let best: Float64Array = starts[0];
  let bestF = Infinity;
  for (const start of starts) {
    const result = minimizeLbfgs((theta, grad) => negativeLogPosterior(theta, x, y, n, d, o.lengthscalePrior, grad, warpColumns), start, {
      lower,
      upper,
      maxIterations: o.maxIterations,
      gradientTolerance: 1e-4,
    });
    if (result.f < bestF) {
      bestF = result.f;
      best = result.x;
    }
  }
  const warp = m > 0 ? { columns: [...warpColumns], logA: best.slice(d + 2, d + 2 + m), logB: best.slice(d + 2 + m, size) } : undefined;
  return { logLengthscales: best.slice(0, d), logSignal: best[d], logNoise: best[d + 1], ...(warp ? { warp } : {}), negLogPosterior: bestF };
}
