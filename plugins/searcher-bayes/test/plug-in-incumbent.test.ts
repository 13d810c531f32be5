import { Rng, type ParamValues, type SearchSpace, type TrialRecord } from '@hyperspec/core';
import { describe, expect, it } from 'vitest';
import { BayesSearcher, GaussianProcess, PLUG_IN_FROM_PARAMETERS, lowestPosteriorMean } from '../src/index.js';

describe('plug-in incumbent (Picheny et al. 2013)', () => {
  // A 1-d bowl (x − 0.6)² on a grid, with one "lucky ripple" at x = 0.1 far below the bowl.
  const xs = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
  const ys = Float64Array.from(xs, (v) => 4 * (v - 0.6) ** 2 - (v === 0.1 ? 1.5 : 0) - 0.5);
  const gpWith = (noise: number) => new GaussianProcess(Float64Array.from(xs), ys, 1, { logLengthscales: Float64Array.of(Math.log(0.4)), logSignal: 0, logNoise: Math.log(noise) });
  const rows = xs.map((_, i) => i);

  it('is the best value when the GP interpolates, and the trend\'s lowest point (above the lucky ripple) when it smooths', () => {
    const minY = Math.min(...ys);
    expect(lowestPosteriorMean(gpWith(1e-6), Float64Array.from(xs), rows)).toBeCloseTo(minY, 2);
    const smoothed = lowestPosteriorMean(gpWith(0.5), Float64Array.from(xs), rows);
    expect(smoothed).toBeGreaterThan(minY + 0.5);
    // Only the given rows count.
    expect(lowestPosteriorMean(gpWith(1e-6), Float64Array.from(xs), [5, 6, 7])).toBeCloseTo(ys[6], 2);
  });

  it(`'auto' is the best trial below ${PLUG_IN_FROM_PARAMETERS} parameters and the plug-in from there on`, () => {
    const fast = { n_initial: 5, candidates: 128, local_starts: 2, fit_restarts: 0 };
    const run = (d: number, incumbent: string): ParamValues[] => {
      const space: SearchSpace = Object.fromEntries(Array.from({ length: d }, (_, j) => [`x${j}`, { type: 'uniform', low: -5, high: 5 }]));
      const f = (p: ParamValues) => Object.values(p).reduce((s: number, v) => s + Math.abs((v as number) * Math.sin(v as number) + 0.1 * (v as number)), 0);
      const searcher = new BayesSearcher({ ...fast, incumbent: incumbent as 'auto' });
      const trials: TrialRecord[] = [];
      for (let i = 0; i < 9; i++) {
        const params = searcher.suggest(space, trials, new Rng(1000 + i), { direction: 'minimize', seed: 4 });
        trials.push({ number: i, state: 'complete', params, value: f(params), intermediate: {} });
      }
      return trials.map((t) => t.params);
    };
    const low = PLUG_IN_FROM_PARAMETERS - 1;
    expect(run(low, 'auto')).toEqual(run(low, 'best'));
    expect(run(PLUG_IN_FROM_PARAMETERS, 'auto')).toEqual(run(PLUG_IN_FROM_PARAMETERS, 'lowest_mean'));
    // The two incumbents do lead somewhere different (so the equalities above say something).
    expect(run(PLUG_IN_FROM_PARAMETERS, 'lowest_mean')).not.toEqual(run(PLUG_IN_FROM_PARAMETERS, 'best'));
  });
});
