import { Rng, type ParamValues, type SearchSpace, type TrialRecord } from '@hyperspec/core';
import { describe, expect, it } from 'vitest';
import { BAYES_DEFAULTS, type BayesOptions } from '../src/bayes-options.js';
import { BayesSearcher } from '../src/bayes-searcher.js';
import { GaussianProcess } from '../src/gaussian-process.js';
import { fitHyperparameters, negativeLogPosterior } from '../src/gp-hyperparameters.js';
import { expectPredictionGradient } from './prediction-gradient.js';
import { WARP_EPSILON, kumaraswamyWarp, kumaraswamyWarpWithGradient } from '../src/input-warping.js';

function data(n: number, d: number, seed: number, f: (row: Float64Array) => number) {
  const rng = new Rng(seed);
  const x = new Float64Array(n * d).map(() => rng.next());
  const y = new Float64Array(n).map((_, i) => f(x.subarray(i * d, (i + 1) * d)) + 0.01 * rng.normal());
  return { x, y };
}

describe('Kumaraswamy input warp', () => {
  it('is the identity (up to the squeeze) at a = b = 1 and maps [0, 1] into (0, 1)', () => {
    for (const u of [0, 0.2, 0.5, 0.9, 1]) expect(kumaraswamyWarp(u, 1, 1)).toBeCloseTo(WARP_EPSILON + (1 - 2 * WARP_EPSILON) * u, 12);
    for (const [a, b] of [[0.2, 5], [5, 0.2], [0.3, 3]]) {
      expect(kumaraswamyWarp(0, a, b)).toBeGreaterThanOrEqual(0);
      expect(kumaraswamyWarp(1, a, b)).toBeLessThanOrEqual(1);
      expect(kumaraswamyWarp(0.7, a, b)).toBeGreaterThan(kumaraswamyWarp(0.3, a, b));
    }
  });

  it('has derivatives in u, log a and log b that match finite differences, up to the faces', () => {
    const g = new Float64Array(3);
    for (const u of [0, 1e-4, 0.3, 0.77, 1 - 1e-4, 1]) {
      for (const [a, b] of [[1, 1], [0.4, 2.5], [3, 0.3]]) {
        const w = kumaraswamyWarpWithGradient(u, a, b, g);
        expect(w).toBeCloseTo(kumaraswamyWarp(u, a, b), 14);
        const h = 1e-7;
        // A step small against the distance to the face, where the warp curves sharply (one-sided at the faces).
        const hu = 1e-11 + 1e-5 * Math.min(u, 1 - u);
        const du = (kumaraswamyWarp(Math.min(1, u + hu), a, b) - kumaraswamyWarp(Math.max(0, u - hu), a, b)) / (Math.min(1, u + hu) - Math.max(0, u - hu));
        const dA = (kumaraswamyWarp(u, a * Math.exp(h), b) - kumaraswamyWarp(u, a * Math.exp(-h), b)) / (2 * h);
        const dB = (kumaraswamyWarp(u, a, b * Math.exp(h)) - kumaraswamyWarp(u, a, b * Math.exp(-h))) / (2 * h);
        // Relative tolerance: near the faces the slope can be large.
        expect(Math.abs(g[0] - du)).toBeLessThan(1e-4 * (1 + Math.abs(du)));
        expect(Math.abs(g[1] - dA)).toBeLessThan(1e-5 * (1 + Math.abs(dA)));
        expect(Math.abs(g[2] - dB)).toBeLessThan(1e-5 * (1 + Math.abs(dB)));
      }
    }
  });
});

describe('GP with input warping', () => {
  const d = 3;
  const n = 14;
  const warpColumns = [0, 2];
  const { x, y } = data(n, d, 5, (r) => Math.sin(8 * r[0] ** 2) + r[1] + (1 - r[2]) ** 4);

  it('has a hyperparameter gradient (length scales, signal, noise and warp shapes) that matches finite differences', () => {
    for (const prior of ['gamma', 'lognormal'] as const) {
      const theta = Float64Array.from([Math.log(0.3), Math.log(0.7), Math.log(1.5), Math.log(1.2), Math.log(1e-2), Math.log(0.6), Math.log(1.7), Math.log(2.2), Math.log(0.5)]);
      const grad = new Float64Array(theta.length);
      negativeLogPosterior(theta, x, y, n, d, prior, grad, warpColumns);
      const scratch = new Float64Array(theta.length);
      for (let i = 0; i < theta.length; i++) {
        const h = 1e-5;
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[i] += h;
        minus[i] -= h;
        const fd = (negativeLogPosterior(plus, x, y, n, d, prior, scratch, warpColumns) - negativeLogPosterior(minus, x, y, n, d, prior, scratch, warpColumns)) / (2 * h);
        expect(Math.abs(grad[i] - fd)).toBeLessThan(1e-4 * (1 + Math.abs(fd)));
      }
    }
  });

  it('without warp columns gives exactly the unwarped objective', () => {
    const theta = Float64Array.from([Math.log(0.3), Math.log(0.7), Math.log(1.5), Math.log(1.2), Math.log(1e-2)]);
    const g1 = new Float64Array(5);
    const g2 = new Float64Array(5);
    expect(negativeLogPosterior(theta, x, y, n, d, 'gamma', g1, [])).toBe(negativeLogPosterior(theta, x, y, n, d, 'gamma', g2));
    expect(Array.from(g1)).toEqual(Array.from(g2));
  });

  it('fits warp shapes away from the identity when one end of a range varies faster', () => {
    // f varies fast near u = 0 only: sin(12·√u). A warp stretching the low end (a < 1) makes it stationary.
    const { x: x1, y: y1 } = data(30, 1, 9, (r) => Math.sin(12 * Math.sqrt(r[0])));
    const mean = y1.reduce((s, v) => s + v, 0) / y1.length;
    const sd = Math.sqrt(y1.reduce((s, v) => s + (v - mean) ** 2, 0) / (y1.length - 1));
    const ys = y1.map((v) => (v - mean) / sd);
    const plain = fitHyperparameters(x1, ys, 30, 1, new Rng(1), { restarts: 2, maxIterations: 100, lengthscalePrior: 'gamma' });
    const warped = fitHyperparameters(x1, ys, 30, 1, new Rng(1), { restarts: 2, maxIterations: 100, lengthscalePrior: 'gamma', warpColumns: [0] });
    expect(warped.warp!.columns).toEqual([0]);
    expect(Math.exp(warped.warp!.logA[0])).toBeLessThan(0.8);
    expect(warped.negLogPosterior).toBeLessThan(plain.negLogPosterior);
  });

  it('predicts in the unwarped cube with mean and variance gradients through the warp (finite differences)', () => {
    const hyper = {
      logLengthscales: Float64Array.from([Math.log(0.3), Math.log(0.8), Math.log(0.5)]),
      logSignal: 0,
      logNoise: Math.log(1e-4),
      warp: { columns: warpColumns, logA: Float64Array.from([Math.log(0.5), Math.log(2)]), logB: Float64Array.from([Math.log(1.5), Math.log(0.4)]) },
    };
    const gp = new GaussianProcess(x, y, d, hyper);
    // Interpolates the (raw) training points.
    for (let i = 0; i < n; i++) expect(gp.predict(x, i)[0]).toBeCloseTo(y[i], 2);
    for (const p of [Float64Array.from([0.41, 0.63, 0.2]), Float64Array.from([0.02, 0.5, 0.97])]) {
      expectPredictionGradient(gp, p, (g) => 1e-4 * (1 + Math.abs(g)));
    }
    // Data added later (fantasies) is warped the same way.
    const more = gp.withData(Float64Array.from([0.5, 0.5, 0.5]), Float64Array.from([0.3]));
    expect(more.predict(Float64Array.from([0.5, 0.5, 0.5]))[0]).toBeCloseTo(0.3, 2);
  });
});

describe('bayes searcher with input_warping', () => {
  // Choices are suggested as option indices.
  const space: SearchSpace = { x: { type: 'uniform', low: 0, high: 1 }, y: { type: 'uniform', low: 0, high: 1 }, c: { type: 'choice', values: ['a', 'b'] } };
  const f = (p: ParamValues) => Math.sin(10 * Math.sqrt(p.x)) + (p.y - 0.3) ** 2 + (p.c === 0 ? 0 : 0.5);
  const fast = { n_initial: 5, candidates: 128, local_starts: 2, fit_restarts: 1 };
  function run(options: Partial<BayesOptions>, seed: number, n: number): TrialRecord[] {
    const searcher = new BayesSearcher(options);
    const trials: TrialRecord[] = [];
    for (let i = 0; i < n; i++) {
      const params = searcher.suggest(space, trials, new Rng(seed * 1000 + i), { direction: 'minimize', seed });
      trials.push({ number: i, state: 'complete', params, value: f(params), intermediate: {} });
    }
    return trials;
  }

  it('is off by default, repeats exactly with the same seed, and changes the suggestions when on', () => {
    expect(BAYES_DEFAULTS.input_warping).toBe(false);
    const off = run(fast, 4, 10).map((t) => t.params);
    expect(run({ ...fast, input_warping: false }, 4, 10).map((t) => t.params)).toEqual(off);
    const on = run({ ...fast, input_warping: true }, 4, 10).map((t) => t.params);
    expect(run({ ...fast, input_warping: true }, 4, 10).map((t) => t.params)).toEqual(on);
    expect(on.slice(6)).not.toEqual(off.slice(6));
    for (const p of on) expect(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1 && (p.c === 0 || p.c === 1)).toBe(true);
  });

  it('works with several objectives (ParEGO) and with constraints', () => {
    const searcher = new BayesSearcher({ ...fast, input_warping: true });
    const trials: TrialRecord[] = [];
    for (let i = 0; i < 9; i++) {
      const params = searcher.suggest(space, trials, new Rng(i), { direction: 'minimize', directions: ['minimize', 'maximize'] });
      trials.push({ number: i, state: 'complete', params, value: f(params), values: [f(params), params.x], intermediate: {} });
    }
    expect(Object.keys(trials[8].params).sort()).toEqual(['c', 'x', 'y']);
    const constrained: TrialRecord[] = [];
    for (let i = 0; i < 9; i++) {
      const params = searcher.suggest(space, constrained, new Rng(i), { direction: 'minimize' });
      constrained.push({ number: i, state: 'complete', params, value: f(params), constraints: [params.x - 0.5], intermediate: {} });
    }
    expect(constrained.slice(5).filter((t) => t.constraints![0] <= 0).length).toBeGreaterThan(0);
  });
});
