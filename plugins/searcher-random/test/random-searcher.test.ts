import { Rng, type SearchSpace, type TrialRecord } from '@hyperspec/core';
import { describeSearcherConformance } from '@hyperspec/core/testing';
import { describe, expect, it } from 'vitest';
import { RandomSearcher, randomSearcherDescriptor } from '../src/index.js';

describeSearcherConformance(randomSearcherDescriptor);
describeSearcherConformance(randomSearcherDescriptor, { options: { sobol: true } });

const space: SearchSpace = { x: { type: 'uniform', low: 0, high: 1 }, y: { type: 'uniform', low: 0, high: 1 } };

function sequence(searcher: RandomSearcher, seed: number, n: number, studySeed = 0) {
  const trials: TrialRecord[] = [];
  for (let i = 0; i < n; i++) {
    const params = searcher.suggest(space, trials, new Rng(seed + i), { direction: 'minimize', seed: studySeed });
    trials.push({ number: i, state: 'complete', params, value: params.x, intermediate: {} });
  }
  return trials.map((t) => t.params);
}

describe('random searcher', () => {
  it('repeats exactly with the same seed and differs with another', () => {
    expect(sequence(new RandomSearcher(), 11, 20)).toEqual(sequence(new RandomSearcher(), 11, 20));
    expect(sequence(new RandomSearcher(), 11, 20)).not.toEqual(sequence(new RandomSearcher(), 12, 20));
  });

  it('with sobol, covers the square evenly: 16 points fill a 4×4 grid, repeat per study seed', () => {
    const points = sequence(new RandomSearcher({ sobol: true }), 0, 16, 42);
    const cells = new Set(points.map((p) => Math.floor(p.x * 4) * 4 + Math.floor(p.y * 4)));
    expect(cells.size).toBe(16);
    expect(sequence(new RandomSearcher({ sobol: true }), 99, 16, 42)).toEqual(points);
    expect(sequence(new RandomSearcher({ sobol: true }), 0, 16, 43)).not.toEqual(points);
  });

  it('draws log ranges log-uniformly', () => {
    const searcher = new RandomSearcher();
    const logSpace: SearchSpace = { lr: { type: 'loguniform', low: 1e-6, high: 1 } };
    let below = 0;
    for (let i = 0; i < 2000; i++) if (searcher.suggest(logSpace, [], new Rng(i), { direction: 'minimize' }).lr < 1e-3) below++;
    expect(below / 2000).toBeGreaterThan(0.45);
    expect(below / 2000).toBeLessThan(0.55);
  });
});
