import { Rng, type SearchSpace } from '@hyperspec/core';
import { flattenSpace } from '@hyperspec/core/search';
import { describe, expect, it } from 'vitest';
import { ParzenEstimator } from '../src/parzen-estimator.js';
import { StackedDensity } from '../src/stacked-density.js';

const settings = { priorWeight: 1, magicClip: true, endpoints: false, multivariate: true, bandwidthFactor: 0.1, minBandwidth: 0.03 };

describe('stacked density (joint kernels + product of per-parameter mixtures)', () => {
  const space: SearchSpace = { x: { type: 'uniform', low: 0, high: 1 }, y: { type: 'uniform', low: 0, high: 1 } };
  const params = flattenSpace(space);
  // Good trials in two clusters on the diagonal, near (0.2, 0.2) and (0.8, 0.8); their crossovers lie near (0.2, 0.8) and (0.8, 0.2).
  const obs = [0.19, 0.2, 0.21, 0.79, 0.8, 0.81].map((c, i) => Float64Array.of(c, c + 0.005 * (i % 3)));
  const joint = new ParzenEstimator(params, obs, settings);
  const perParam = [0, 1].map((j) => new ParzenEstimator([params[j]], obs.map((o) => Float64Array.of(o[j])), { ...settings, multivariate: false, magicClip: false }));
  const stacked = new StackedDensity(joint, perParam, 0.25);

  it('is a normalised density on the unit square, the given mix of its parts', () => {
    const m = 200;
    let integral = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) integral += Math.exp(stacked.logPdf(Float64Array.of((i + 0.5) / m, (j + 0.5) / m)));
    expect(integral / (m * m)).toBeCloseTo(1, 3);
    const x = Float64Array.of(0.3, 0.6);
    const product = Math.exp(perParam[0].logPdf(Float64Array.of(0.3)) + perParam[1].logPdf(Float64Array.of(0.6)));
    expect(Math.exp(stacked.logPdf(x))).toBeCloseTo(0.75 * Math.exp(joint.logPdf(x)) + 0.25 * product, 10);
  });

  it('gives a crossover of two good trials far more density than the joint kernels alone do', () => {
    const crossover = Float64Array.of(0.2, 0.8);
    expect(stacked.logPdf(crossover) - joint.logPdf(crossover)).toBeGreaterThan(1);
  });

  it('draws its share of candidates from the product of the per-parameter mixtures', () => {
    const draws = stacked.sample(new Rng(5), 400);
    expect(draws).toHaveLength(400);
    // Product draws recombine corners; joint draws (besides the prior kernel's) stay near a diagonal corner.
    const offDiagonal = (x: Float64Array) => Math.abs(x[0] - x[1]) > 0.45;
    const jointShare = joint.sample(new Rng(5), 400).filter(offDiagonal).length / 400;
    const stackedShare = draws.filter(offDiagonal).length / 400;
    expect(stackedShare).toBeGreaterThan(jointShare + 0.05);
  });
});
