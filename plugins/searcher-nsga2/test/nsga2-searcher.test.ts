import { Rng, type TrialRecord } from '@hyperspec/core';
import { hypervolume } from '@hyperspec/core/search';
import { describeSearcherConformance } from '@hyperspec/core/testing';
import { describe, expect, it } from 'vitest';
import { Nsga2Searcher, nsga2SearcherDescriptor, polynomialMutation, sbx, selectParents } from '../src/index.js';
import { RandomSearcher } from '@hyperspec/searcher-random';

describeSearcherConformance(nsga2SearcherDescriptor, { options: { population_size: 6 }, trials: 20 });

const space = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`x${i}`, { type: 'uniform' as const, low: 0, high: 1 }]));
/** ZDT1 in four variables (Zitzler, Deb and Thiele 2000): front f2 = 1 − √f1 where x1..x3 = 0. */
const zdt1 = (p: Record<string, number>): number[] => {
  const g = 1 + 3 * (p.x1 + p.x2 + p.x3);
  return [p.x0, g * (1 - Math.sqrt(p.x0 / g))];
};

function study(searcher: { suggest: Nsga2Searcher['suggest'] }, seed: number, n: number): TrialRecord[] {
  const trials: TrialRecord[] = [];
  for (let i = 0; i < n; i++) {
    const params = searcher.suggest(space, trials, new Rng(seed * 1000 + i), { direction: 'minimize', directions: ['minimize', 'minimize'], seed });
    const values = zdt1(params);
    trials.push({ number: i, state: 'complete', params, value: values[0], values, intermediate: {} });
  }
  return trials;
}

describe('nsga2 searcher', () => {
  it('keeps children inside the bounds and near their parents (SBX, polynomial mutation)', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 2000; i++) {
      const [a, b] = [rng.next(), rng.next()];
      const [c1, c2] = sbx(a, b, 15, rng);
      expect(c1).toBeGreaterThanOrEqual(0);
      expect(c2).toBeLessThanOrEqual(1);
      expect(c1).toBeLessThanOrEqual(1);
      expect(c2).toBeGreaterThanOrEqual(0);
      const m = polynomialMutation(a, 20, rng);
      expect(m).toBeGreaterThanOrEqual(0);
      expect(m).toBeLessThanOrEqual(1);
      expect(Math.abs(m - a)).toBeLessThan(0.6);
    }
  });

  it('selects parents by front, then crowding distance, feasible before infeasible', () => {
    const t = (number: number, values: number[], constraints?: number[]): TrialRecord => ({ number, state: 'complete', params: {}, value: values[0], values, intermediate: {}, ...(constraints ? { constraints } : {}) });
    const trials = [t(0, [0, 3]), t(1, [1, 2]), t(2, [1.1, 1.9]), t(3, [3, 0]), t(4, [2, 2]), t(5, [-5, -5], [1])];
    const parents = selectParents(trials, ['minimize', 'minimize'], 3);
    // Front 0 has trials 0-3; the extremes (0, 3) have infinite crowding, then 2 (its neighbours span
    // 2/3 + 2/3 of the ranges) before 1 (1.1/3 + 1.1/3).
    expect(parents.map((p) => p.trial.number).sort()).toEqual([0, 2, 3]);
    expect(selectParents(trials, ['minimize', 'minimize'], 6).map((p) => p.trial.number)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('approaches the ZDT1 front: a clearly larger hypervolume after 120 trials than random search (mean of 6 seeds)', () => {
    const hv = (trials: TrialRecord[]) => hypervolume(trials.map((x) => x.values!), [1.1, 5]);
    let nsga = 0;
    let random = 0;
    for (let seed = 0; seed < 6; seed++) {
      nsga += hv(study(new Nsga2Searcher(), seed, 120)) / 6;
      random += hv(study(new RandomSearcher(), seed, 120)) / 6;
    }
    // The true front's hypervolume from (1.1, 5) is about 5.17.
    expect(nsga).toBeGreaterThan(random + 0.3);
  });
});
