import { Rng } from '@hyperspec/core';
import { describe, expect, it } from 'vitest';
import { GaussianProcess } from '../src/gaussian-process.js';
import { fitHyperparameters, negativeLogPosterior } from '../src/gp-hyperparameters.js';
import { choleskyWithJitter, inverseFromCholesky, solveLower, solveLowerTransposed } from '../src/linalg.js';
import { minimizeLbfgs } from '../src/lbfgs.js';
import { dLogH, logExpectedImprovement, logH } from '../src/log-expected-improvement.js';
import { expectPredictionGradient } from './prediction-gradient.js';

function randomData(n: number, d: number, seed: number) {
  const rng = new Rng(seed);
  const x = new Float64Array(n * d).map(() => rng.next());
  const y = new Float64Array(n).map((_, i) => Math.sin(6 * x[i * d]) + (d > 1 ? x[i * d + 1] ** 2 : 0) + 0.01 * rng.normal());
  return { x, y };
}

describe('linear algebra', () => {
  it('solves and inverts through the Cholesky factor', () => {
    const n = 5;
    const rng = new Rng(1);
    const a = new Float64Array(n * n).map(() => rng.normal());
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = i === j ? 0.5 : 0;
      for (let m = 0; m < n; m++) s += a[i * n + m] * a[j * n + m];
      k[i * n + j] = s;
    }
    const { l } = choleskyWithJitter(k, n);
    const b = Float64Array.from([1, 2, 3, 4, 5]);
    const x = solveLowerTransposed(l, n, solveLower(l, n, b));
    const inv = inverseFromCholesky(l, n);
    for (let i = 0; i < n; i++) {
      let kx = 0;
      for (let j = 0; j < n; j++) kx += k[i * n + j] * x[j];
      expect(kx).toBeCloseTo(b[i], 10);
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let m = 0; m < n; m++) s += k[i * n + m] * inv[m * n + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });
});

describe('GP hyperparameter objective', () => {
  it('has an analytic gradient that matches finite differences', () => {
    const n = 12;
    const d = 3;
    const { x, y } = randomData(n, d, 2);
    for (const prior of ['gamma', 'lognormal'] as const) {
      const theta = Float64Array.from([Math.log(0.3), Math.log(0.7), Math.log(1.5), Math.log(1.2), Math.log(1e-2)]);
      const grad = new Float64Array(d + 2);
      negativeLogPosterior(theta, x, y, n, d, prior, grad);
      const scratch = new Float64Array(d + 2);
      for (let i = 0; i < d + 2; i++) {
        const h = 1e-5;
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[i] += h;
        minus[i] -= h;
        const fd = (negativeLogPosterior(plus, x, y, n, d, prior, scratch) - negativeLogPosterior(minus, x, y, n, d, prior, scratch)) / (2 * h);
        expect(grad[i]).toBeCloseTo(fd, 4);
      }
    }
  });

  it('fits a short length scale on the wiggly input and a long one on an irrelevant input', () => {
    const rng = new Rng(3);
    const n = 40;
    const x = new Float64Array(n * 2).map(() => rng.next());
    const y = new Float64Array(n).map((_, i) => Math.sin(8 * x[i * 2]));
    const mean = y.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    const ys = y.map((v) => (v - mean) / std);
    const h = fitHyperparameters(x, ys, n, 2, new Rng(4), { restarts: 2, maxIterations: 60, lengthscalePrior: 'gamma' });
    expect(Math.exp(h.logLengthscales[0])).toBeLessThan(0.5);
    expect(Math.exp(h.logLengthscales[1])).toBeGreaterThan(2 * Math.exp(h.logLengthscales[0]));
    expect(Math.exp(h.logNoise)).toBeLessThan(1e-2);
  });
});

describe('GP posterior', () => {
  const n = 15;
  const d = 2;
  const { x, y } = randomData(n, d, 5);
  const gp = new GaussianProcess(x, y, d, { logLengthscales: Float64Array.from([Math.log(0.3), Math.log(0.5)]), logSignal: 0, logNoise: Math.log(1e-4) });

  it('interpolates the data with small variance there', () => {
    for (let i = 0; i < n; i++) {
      const [mean, variance] = gp.predict(x, i);
      expect(mean).toBeCloseTo(y[i], 2);
      expect(variance).toBeLessThan(1e-3);
    }
    const [, far] = gp.predict(Float64Array.from([5, 5]));
    expect(far).toBeCloseTo(1, 6);
  });

  it('has mean and variance gradients that match finite differences', () => {
    // toBeCloseTo(…, 5): within 5e-6.
    expectPredictionGradient(gp, Float64Array.from([0.41, 0.63]), () => 5e-6);
  });
});

describe('log expected improvement', () => {
  it('matches log(φ(z) + zΦ(z)) computed in high precision (mpmath, 50 digits)', () => {
    // mpmath: log(npdf(z) + z*ncdf(z)) at 50 digits.
    const cases: [number, number][] = [
      [3, 1.0987396653277077],
      [0, -0.9189385332046727],
      [-1, -2.4851210257126413],
      [-5, -16.744301162660990],
      [-20, -206.91783850942510],
      [-40, -808.29856835661996],
      [-1e9, -500000000000000042.4],
    ];
    for (const [z, want] of cases) expect(Math.abs(logH(z) - want)).toBeLessThanOrEqual(1e-11 * Math.abs(want) + 1e-12);
  });

  it('has d log h / dz = Φ/h, finite far in the tail', () => {
    for (const z of [-30, -3, -0.5, 0.7, 2]) {
      const h = 1e-6;
      const fd = (logH(z + h) - logH(z - h)) / (2 * h);
      expect(dLogH(z, logH(z))).toBeCloseTo(fd, 4);
    }
    expect(Number.isFinite(logExpectedImprovement(10, 1e-6, 0))).toBe(true);
  });
});

describe('L-BFGS-B', () => {
  it('minimises the Rosenbrock function and respects bounds', () => {
    const f = (x: Float64Array, g: Float64Array) => {
      g[0] = -400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]);
      g[1] = 200 * (x[1] - x[0] ** 2);
      return 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    };
    const free = minimizeLbfgs(f, Float64Array.from([-1.2, 1]), { lower: Float64Array.from([-5, -5]), upper: Float64Array.from([5, 5]), maxIterations: 200 });
    expect(free.x[0]).toBeCloseTo(1, 4);
    expect(free.x[1]).toBeCloseTo(1, 4);
    const boxed = minimizeLbfgs(f, Float64Array.from([-1.2, 0.2]), { lower: Float64Array.from([-5, -5]), upper: Float64Array.from([0.5, 5]), maxIterations: 200 });
    expect(boxed.x[0]).toBeCloseTo(0.5, 6);
    expect(boxed.x[1]).toBeCloseTo(0.25, 3);
  });
});
