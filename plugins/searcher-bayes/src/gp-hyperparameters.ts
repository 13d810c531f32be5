import type { Rng } from '@hyperspec/core';
import { choleskyWithJitter, inverseFromCholesky, solveLower, solveLowerTransposed } from './linalg.js';
import { minimizeLbfgs } from './lbfgs.js';
import { matern52, matern52Factor } from './matern52.js';

/** Kernel hyperparameters on the log scale: one length scale per input, signal variance, noise variance. */
export interface GpHyperparameters {
  logLengthscales: Float64Array;
  logSignal: number;
  logNoise: number;
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
 * log σ²ₙ] (Rasmussen & Williams eq. 5.8–5.9: ∂/∂θ log p(y|X) = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ)).
 */
export function negativeLogPosterior(theta: Float64Array, x: Float64Array, y: Float64Array, n: number, d: number, lengthscalePrior: LengthscalePrior, grad: Float64Array): number {
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
    }
  }
  // grad holds ∂(log likelihood) so far; negate and add the prior.
  for (let j = 0; j < d; j++) grad[j] = -grad[j];
  grad[d] = -0.5 * signalTerm;
  grad[d + 1] = -0.5 * noise * traceW;
  const priorGrad = new Float64Array(d + 2);
  const lp = logPrior(theta, d, lengthscalePrior, priorGrad);
  for (let i = 0; i < d + 2; i++) grad[i] -= priorGrad[i];
  return nll - lp;
}

export interface FitOptions {
  restarts: number;
  maxIterations: number;
  lengthscalePrior: LengthscalePrior;
}

/**
 * Maximum a posteriori hyperparameters: L-BFGS-B from the prior's central values and from
 * `restarts` random starts drawn around them; the best optimum wins.
 */
export function fitHyperparameters(x: Float64Array, y: Float64Array, n: number, d: number, rng: Rng, o: FitOptions): GpHyperparameters & { negLogPosterior: number } {
  const lower = new Float64Array(d + 2);
  const upper = new Float64Array(d + 2);
  for (let j = 0; j < d; j++) [lower[j], upper[j]] = LOG_LENGTHSCALE;
  [lower[d], upper[d]] = LOG_SIGNAL;
  [lower[d + 1], upper[d + 1]] = LOG_NOISE;
  const centreLengthscale = o.lengthscalePrior === 'gamma' ? Math.log(0.5) : Math.SQRT2 + 0.5 * Math.log(d) - 1;
  const starts: Float64Array[] = [];
  for (let r = 0; r <= o.restarts; r++) {
    const t = new Float64Array(d + 2);
    for (let j = 0; j < d; j++) t[j] = centreLengthscale + (r === 0 ? 0 : rng.normal() * 0.75);
    t[d] = r === 0 ? 0 : rng.normal() * 0.5;
    t[d + 1] = r === 0 ? Math.log(1e-3) : Math.log(1e-4) + rng.normal();
    starts.push(t);
  }
  let best: Float64Array = starts[0];
  let bestF = Infinity;
  for (const start of starts) {
    const result = minimizeLbfgs((theta, grad) => negativeLogPosterior(theta, x, y, n, d, o.lengthscalePrior, grad), start, {
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
  return { logLengthscales: best.slice(0, d), logSignal: best[d], logNoise: best[d + 1], negLogPosterior: bestF };
}
