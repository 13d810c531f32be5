import { HyperspecError, Rng, type ParamValues, type SearchSpace, type TrialRecord } from '@hyperspec/core';
import { describeSearcherConformance } from '@hyperspec/core/testing';
import { describe, expect, it } from 'vitest';
import { GridSearcher, gridSearcherDescriptor } from '../src/index.js';

describeSearcherConformance(gridSearcherDescriptor, { trials: 10 });

const ctx = { direction: 'minimize' as const };
const rng = new Rng(0);

function runAll(searcher: GridSearcher, space: SearchSpace, n: number, start: TrialRecord[] = []): TrialRecord[] {
  const trials = [...start];
  for (let i = 0; i < n; i++) {
    const params = searcher.suggest(space, trials, rng, ctx);
    trials.push({ number: trials.length, state: i % 2 ? 'running' : 'complete', params, value: 0, intermediate: {} });
  }
  return trials;
}

describe('grid searcher', () => {
  const space: SearchSpace = {
    lr: { type: 'loguniform', low: 1e-3, high: 1e-1, points: 3 },
    units: { type: 'int', low: 16, high: 64, step: 16 },
    act: { type: 'choice', values: ['relu', 'tanh'] },
  };

  it('enumerates exactly the cartesian product, first parameter slowest', () => {
    const searcher = new GridSearcher();
    expect(searcher.size(space)).toBe(3 * 4 * 2);
    const points = runAll(searcher, space, 24).map((t) => t.params);
    const expected: ParamValues[] = [];
    for (const lr of [1e-3, 1e-2, 1e-1]) for (const units of [16, 32, 48, 64]) for (const act of [0, 1]) expected.push({ lr, units, act });
    expect(points.length).toBe(24);
    points.forEach((p, i) => {
      expect(p.lr).toBeCloseTo(expected[i].lr, 12);
      expect(p.units).toBe(expected[i].units);
      expect(p.act).toBe(expected[i].act);
    });
  });

  it('throws a clear error when the grid is exhausted', () => {
    const searcher = new GridSearcher();
    const trials = runAll(searcher, space, 24);
    expect(() => searcher.suggest(space, trials, rng, ctx)).toThrow(/all 24 grid points have been tried/);
  });

  it('refuses a budget larger than the grid', () => {
    expect(() => new GridSearcher().suggest(space, [], rng, { direction: 'minimize', budget: 30 })).toThrow(/24 points but the study asks for 30/);
  });

  it('names a continuous parameter without points', () => {
    const bad: SearchSpace = { ...space, momentum: { type: 'uniform', low: 0, high: 0.9 } };
    let error: unknown;
    try {
      new GridSearcher().size(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HyperspecError);
    expect((error as HyperspecError).message).toMatch(/'momentum'.*continuous uniform/);
    expect((error as HyperspecError).hint).toMatch(/points/);
  });

  it('resumes: skips points that trials already have, filling holes first', () => {
    const searcher = new GridSearcher();
    const trials = runAll(searcher, space, 6);
    // Drop trial 2 (as if it was never made) and resume with a fresh searcher.
    const resumed = trials.filter((t) => t.number !== 2);
    const next = new GridSearcher().suggest(space, resumed, rng, ctx);
    expect(next).toEqual(trials[2].params);
  });

  it('counts and enumerates conditional spaces as a tree', () => {
    const conditional: SearchSpace = {
      opt: {
        type: 'choice',
        values: [{ type: 'sgd' }, { type: 'adam' }, 'none'],
        children: [{ momentum: { type: 'uniform', low: 0, high: 0.9, points: 4 } }, { beta: { type: 'choice', values: [0.9, 0.99] }, warm: { type: 'int', low: 0, high: 2 } }, undefined],
      },
      wd: { type: 'choice', values: [0, 1e-4] },
    };
    const searcher = new GridSearcher();
    expect(searcher.size(conditional)).toBe((4 + 2 * 3 + 1) * 2);
    const points = runAll(searcher, conditional, 22).map((t) => t.params);
    const keys = new Set(points.map((p) => JSON.stringify(p)));
    expect(keys.size).toBe(22);
    for (const p of points) {
      if (p.opt === 0) expect(Object.keys(p).sort()).toEqual(['opt', 'opt.0.momentum', 'wd']);
      if (p.opt === 1) expect(Object.keys(p).sort()).toEqual(['opt', 'opt.1.beta', 'opt.1.warm', 'wd']);
      if (p.opt === 2) expect(Object.keys(p).sort()).toEqual(['opt', 'wd']);
    }
  });
});
