import { Rng, type ParamValues, type SearchSpace, type TrialRecord } from '@hyperspec/core';
import { describeSearcherConformance } from '@hyperspec/core/testing';
import { describe, expect, it } from 'vitest';
import { BayesSearcher, bayesSearcherDescriptor, defaultInitialTrials, fitSubset, transformOutputs } from '../src/index.js';

const fast = { n_initial: 5, candidates: 128, local_starts: 2, fit_restarts: 0 };
describeSearcherConformance(bayesSearcherDescriptor, { options: fast, trials: 10 });

const space: SearchSpace = { x: { type: 'uniform', low: -5, high: 10 }, y: { type: 'uniform', low: 0, high: 15 } };
function branin(p: ParamValues): number {
  const b = 5.1 / (4 * Math.PI * Math.PI);
  return (p.y - b * p.x * p.x + (5 / Math.PI) * p.x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(p.x) + 10;
}

function study(searcher: BayesSearcher, seed: number, n: number): TrialRecord[] {
  const trials: TrialRecord[] = [];
  for (let i = 0; i < n; i++) {
    const params = searcher.suggest(space, trials, new Rng(seed * 1000 + i), { direction: 'minimize', seed });
    trials.push({ number: i, state: 'complete', params, value: branin(params), intermediate: {} });
  }
  return trials;
}

describe('bayes searcher', () => {
  it('repeats exactly with the same seed', () => {
    const a = study(new BayesSearcher(fast), 3, 9).map((t) => t.params);
    const b = study(new BayesSearcher(fast), 3, 9).map((t) => t.params);
    expect(b).toEqual(a);
  });

  it('gets close to the Branin minimum (0.398) within 25 trials', () => {
    const trials = study(new BayesSearcher({ candidates: 256, local_starts: 3 }), 1, 25);
    expect(Math.min(...trials.map((t) => t.value!))).toBeLessThan(0.45);
  });

  it('does not propose a running trial\'s point again, and spreads parallel suggestions out', () => {
    const searcher = new BayesSearcher(fast);
    const trials = study(searcher, 2, 8);
    const first = searcher.suggest(space, trials, new Rng(77), { direction: 'minimize' });
    const withRunning = [...trials, { number: 8, state: 'running' as const, params: first, intermediate: {} }];
    const second = searcher.suggest(space, withRunning, new Rng(77), { direction: 'minimize' });
    const distance = Math.hypot((first.x - second.x) / 15, (first.y - second.y) / 15);
    expect(distance).toBeGreaterThan(1e-3);
  });

  it('rounds ints inside the model: suggestions on an int grid are legal and not repeated', () => {
    const grid: SearchSpace = { n: { type: 'int', low: 1, high: 6 }, k: { type: 'int', low: 2, high: 32, step: 2, log: false } };
    const searcher = new BayesSearcher(fast);
    const trials: TrialRecord[] = [];
    for (let i = 0; i < 14; i++) {
      const p = searcher.suggest(grid, trials, new Rng(i), { direction: 'minimize' });
      expect(Number.isInteger(p.n) && p.k % 2 === 0).toBe(true);
      trials.push({ number: i, state: 'complete', params: p, value: (p.n - 4) ** 2 + ((p.k - 20) / 4) ** 2, intermediate: {} });
    }
    const keys = new Set(trials.map((t) => `${t.params.n},${t.params.k}`));
    expect(keys.size).toBe(trials.length);
  });

  it('uses max(5, 2·parameters) start-up trials, at most 10', () => {
    expect(defaultInitialTrials(1)).toBe(5);
    expect(defaultInitialTrials(4)).toBe(8);
    expect(defaultInitialTrials(6)).toBe(10);
    expect(defaultInitialTrials(40)).toBe(10);
  });

  it('fits hyperparameters on the best half plus a spread of the rest', () => {
    const losses = Float64Array.from({ length: 10 }, (_, i) => 10 - i);
    const subset = fitSubset(losses, 4);
    expect(subset.length).toBe(4);
    expect(subset).toContain(9);
    expect(subset).toContain(8);
    expect(fitSubset(losses, 20).length).toBe(10);
  });

  it('warps heavy-tailed losses monotonically', () => {
    const losses = Float64Array.from([1, 2, 3, 5, 1e4, 3e4, 8]);
    for (const kind of ['none', 'log', 'power', 'rank'] as const) {
      const { values } = transformOutputs(losses, kind);
      const order = Array.from(losses.keys()).sort((a, b) => losses[a] - losses[b]);
      for (let i = 1; i < order.length; i++) expect(values[order[i]]).toBeGreaterThan(values[order[i - 1]]);
    }
    // The power warp chooses a log-like exponent here, so the best points spread out.
    const power = transformOutputs(losses, 'power').values;
    const none = transformOutputs(losses, 'none').values;
    expect(power[1] - power[0]).toBeGreaterThan(10 * (none[1] - none[0]));
  });
});
