import { Rng, type SearchSpace } from '@hyperspec/core';
import { flattenSpace } from '@hyperspec/core/search';
import { describe, expect, it } from 'vitest';
import { ParzenEstimator, observationWeights } from '../src/parzen-estimator.js';
import { goodCount, splitTrials } from '../src/split-trials.js';

const settings = { priorWeight: 1, magicClip: true, endpoints: false, multivariate: true, bandwidthFactor: 0.2, minBandwidth: 0 };

describe('Parzen estimator', () => {
  const space: SearchSpace = { x: { type: 'uniform', low: 0, high: 1 }, y: { type: 'uniform', low: 0, high: 1 } };
  const params = flattenSpace(space);
  const obs = [Float64Array.from([0.2, 0.3]), Float64Array.from([0.25, 0.9]), Float64Array.from([0.8, 0.1])];

  it('is a normalised density on the unit square', () => {
    const pe = new ParzenEstimator(params, obs, settings);
    const m = 200;
    let integral = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) integral += Math.exp(pe.logPdf(Float64Array.from([(i + 0.5) / m, (j + 0.5) / m])));
    expect(integral / (m * m)).toBeCloseTo(1, 3);
  });

  it('samples follow the density: the share near an observation matches its mass', () => {
    const pe = new ParzenEstimator(params, obs, settings);
    const rng = new Rng(1);
    const samples = pe.sample(rng, 20000);
    const inBox = (p: Float64Array) => p[0] < 0.4 && p[1] < 0.5;
    const share = samples.filter(inBox).length / samples.length;
    const m = 100;
    let mass = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
      const p = Float64Array.from([(i + 0.5) / m, (j + 0.5) / m]);
      if (inBox(p)) mass += Math.exp(pe.logPdf(p)) / (m * m);
    }
    expect(share).toBeCloseTo(mass, 1);
  });

  it('gives int values a probability mass and choices a categorical kernel', () => {
    const mixed: SearchSpace = { n: { type: 'int', low: 1, high: 4 }, c: { type: 'choice', values: ['a', 'b', 'c'] } };
    const p = flattenSpace(mixed);
    // Unit positions of n = 2 and n = 3 are the cell centres 0.375 and 0.625.
    const pe = new ParzenEstimator(p, [Float64Array.from([0.375, 1]), Float64Array.from([0.625, 1])], settings);
    let total = 0;
    for (const n of [0.125, 0.375, 0.625, 0.875]) for (const c of [0, 1, 2]) total += Math.exp(pe.logPdf(Float64Array.from([n, c])));
    expect(total).toBeCloseTo(1, 6);
    expect(pe.logPdf(Float64Array.from([0.375, 1]))).toBeGreaterThan(pe.logPdf(Float64Array.from([0.875, 0])));
  });

  it('ramps down the weights of old observations past 25 (Optuna default_weights)', () => {
    expect(Array.from(observationWeights(3))).toEqual([1, 1, 1]);
    const w = observationWeights(30);
    expect(w[0]).toBeCloseTo(1 / 30, 12);
    expect(w[4]).toBeCloseTo(1, 12);
    expect(w[29]).toBe(1);
  });
});

describe('good/bad split', () => {
  it('ranks complete trials by loss, then pruned ones by progress, and counts running ones as bad', () => {
    const t = (number: number, state: 'complete' | 'pruned' | 'running' | 'failed', value?: number, intermediate: Record<number, number> = {}) => ({ number, state, params: {}, value, intermediate });
    const trials = [t(0, 'complete', 5), t(1, 'complete', 1), t(2, 'pruned', undefined, { 0: 0.5 }), t(3, 'running'), t(4, 'failed'), t(5, 'complete', 3)];
    const { good, bad } = splitTrials(trials, 2, 'minimize', true);
    expect(good.map((x) => x.number)).toEqual([1, 5]);
    expect(bad.map((x) => x.number)).toEqual([0, 2, 3]);
    const max = splitTrials(trials, 1, 'maximize', false);
    expect(max.good.map((x) => x.number)).toEqual([0]);
    expect(max.bad.map((x) => x.number)).toEqual([1, 2, 5]);
    expect(goodCount(50, 0.1, 25)).toBe(5);
    expect(goodCount(1000, 0.1, 25)).toBe(25);
  });
});
