import { Rng, type SearchSpace } from '@hyperspec/core';
import { flattenSpace } from '@hyperspec/core/search';
import { describe, expect, it } from 'vitest';
import { labelLogLikelihood, looLogRatios, pairOrderShare } from '../src/model-choice.js';
import { ParzenEstimator } from '../src/parzen-estimator.js';

const settings = { priorWeight: 1, magicClip: true, endpoints: false, multivariate: true, bandwidthFactor: 0.2, minBandwidth: 0 };

describe('leave-one-out model choice', () => {
  const space: SearchSpace = { x: { type: 'uniform', low: 0, high: 1 }, n: { type: 'int', low: 1, high: 4 }, c: { type: 'choice', values: ['a', 'b', 'c'] } };
  const params = flattenSpace(space);
  const obs = [Float64Array.from([0.2, 0.375, 0]), Float64Array.from([0.25, 0.625, 2]), Float64Array.from([0.8, 0.125, 1]), Float64Array.from([0.21, 0.375, 0])];

  it('logPdfWithout equals the density of the mixture built without that observation', () => {
    // Numeric parameters (a choice's kernels share the prior by kernel count), fixed widths, equal
    // weights: dropping kernel k and renormalising is the mixture of the rest at the same widths.
    const numeric = params.slice(0, 2);
    const points = obs.map((o) => o.slice(0, 2));
    const all = new ParzenEstimator(numeric, points, settings);
    const x = Float64Array.from([0.22, 0.375]);
    for (let k = 0; k < points.length; k++) {
      const rest = new ParzenEstimator(numeric, points.filter((_, i) => i !== k), { ...settings, bandwidthFactor: 0.2 * (points.length / (points.length - 1)) ** (-1 / 6) });
      expect(all.logPdfWithout(x, k)).toBeCloseTo(rest.logPdf(x), 10);
    }
  });

  it('stays finite at a kernel centre that dominates the mixture (no cancellation)', () => {
    const narrow = new ParzenEstimator(params, obs, { ...settings, bandwidthFactor: 0.001 });
    const value = narrow.logPdfWithout(obs[2], 2);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeLessThan(narrow.logPdf(obs[2]) - 5);
  });

  it('prefers the model whose ratio separates good from bad trials, by label likelihood and by pair order', () => {
    const one = flattenSpace({ x: { type: 'uniform', low: 0, high: 1 } });
    const rng = new Rng(3);
    const good = Array.from({ length: 5 }, () => Float64Array.of(0.1 + 0.05 * rng.next()));
    const bad = Array.from({ length: 30 }, () => Float64Array.of(0.3 + 0.7 * rng.next()));
    const s = { ...settings, bandwidthFactor: 0.1 };
    const informative = [{ columns: [0], badOffset: 0, l: new ParzenEstimator(one, good, s), g: new ParzenEstimator(one, bad, s) }];
    // Swapped roles: a model that ranks the bad region as good.
    const wrong = [{ columns: [0], badOffset: 0, l: new ParzenEstimator(one, good, { ...s, priorWeight: 1e6 }), g: new ParzenEstimator(one, bad, { ...s, bandwidthFactor: 1 }) }];
    const r1 = looLogRatios(informative, good, bad);
    const r2 = looLogRatios(wrong, good, bad);
    expect(r1.good).toHaveLength(5);
    expect(r1.bad).toHaveLength(30);
    expect(pairOrderShare(r1)).toBe(1);
    expect(labelLogLikelihood(r1, 5 / 35)).toBeGreaterThan(labelLogLikelihood(r2, 5 / 35));
  });

  it('pair order counts ties as half and is 0 when every pair is reversed', () => {
    expect(pairOrderShare({ good: [1, 2], bad: [2, 0] })).toBeCloseTo((0.5 + 1 + 0 + 1) / 4);
    expect(pairOrderShare({ good: [0], bad: [1, 2] })).toBe(0);
  });
});
