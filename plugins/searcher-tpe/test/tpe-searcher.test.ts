import { Rng, type ParamValues, type SearchSpace, type TrialRecord } from '@hyperspec/core';
import { describeSearcherConformance } from '@hyperspec/core/testing';
import { describe, expect, it } from 'vitest';
import { TpeSearcher, tpeSearcherDescriptor } from '../src/index.js';

describeSearcherConformance(tpeSearcherDescriptor, { options: { n_startup_trials: 5 } });
describeSearcherConformance(tpeSearcherDescriptor, { options: { n_startup_trials: 5, multivariate: false } });
describeSearcherConformance(tpeSearcherDescriptor, { options: { n_startup_trials: 5, stack_share_l: 0.1, stack_share_g: 0.1 } });

const space: SearchSpace = { x: { type: 'uniform', low: -5, high: 5 }, y: { type: 'uniform', low: -5, high: 5 } };
const sphere = (p: ParamValues) => (p.x - 1) ** 2 + (p.y + 2) ** 2;

function best(searcher: { suggest: TpeSearcher['suggest'] }, seed: number, n: number): number {
  const trials: TrialRecord[] = [];
  for (let i = 0; i < n; i++) {
    const params = searcher.suggest(space, trials, new Rng(seed * 1000 + i), { direction: 'minimize', seed });
    trials.push({ number: i, state: 'complete', params, value: sphere(params), intermediate: {} });
  }
  return Math.min(...trials.map((t) => t.value!));
}

describe('tpe searcher', () => {
  it('finds a better point than its random start-up phase on a quadratic', () => {
    let tpeTotal = 0;
    let startupTotal = 0;
    for (let seed = 0; seed < 4; seed++) {
      tpeTotal += best(new TpeSearcher(), seed, 40);
      startupTotal += best(new TpeSearcher(), seed, 10);
    }
    expect(tpeTotal / 4).toBeLessThan(0.25);
    expect(tpeTotal).toBeLessThan(startupTotal / 4);
  });

  it('models each option\'s parameters only from trials that chose that option', () => {
    // Option 0 is good only near a = 0.9; option 1 is always worse. TPE should settle on option 0 with a high a.
    const conditional: SearchSpace = {
      opt: { type: 'choice', values: ['A', 'B'], children: [{ a: { type: 'uniform', low: 0, high: 1 } }, { b: { type: 'uniform', low: 0, high: 1 } }] },
    };
    const searcher = new TpeSearcher({ n_startup_trials: 8 });
    const trials: TrialRecord[] = [];
    for (let i = 0; i < 40; i++) {
      const p = searcher.suggest(conditional, trials, new Rng(i), { direction: 'maximize' });
      const value = p.opt === 0 ? 1 - Math.abs(p['opt.0.a'] - 0.9) : 0.3 * p['opt.1.b'];
      trials.push({ number: i, state: 'complete', params: p, value, intermediate: {} });
    }
    const late = trials.slice(25);
    expect(late.filter((t) => t.params.opt === 0).length).toBeGreaterThan(10);
    expect(Math.max(...trials.map((t) => t.value!))).toBeGreaterThan(0.95);
  });

  it('varies kernel widths by pilot density with one objective, and keeps one width with several (MOTPE)', () => {
    const rng = new Rng(7);
    const trials: TrialRecord[] = Array.from({ length: 30 }, (_, i) => {
      const params = { x: rng.next() * 10 - 5, y: rng.next() * 10 - 5 };
      return { number: i, state: 'complete' as const, params, value: sphere(params), values: [sphere(params), (params.x + 3) ** 2], intermediate: {} };
    });
    const suggestions = (options: Record<string, unknown>, directions?: ('minimize' | 'maximize')[]) =>
      Array.from({ length: 5 }, (_, s) => new TpeSearcher(options).suggest(space, trials, new Rng(100 + s), { direction: 'minimize', directions }));
    expect(suggestions({})).not.toEqual(suggestions({ adaptive_bandwidth: 0 }));
    expect(suggestions({}, ['minimize', 'minimize'])).toEqual(suggestions({ adaptive_bandwidth: 0 }, ['minimize', 'minimize']));
  });

  it('stacks per-parameter mixtures into l(x) and g(x) with one objective only (stack_share_l, stack_share_g)', () => {
    const rng = new Rng(11);
    const trials: TrialRecord[] = Array.from({ length: 30 }, (_, i) => {
      const params = { x: rng.next() * 10 - 5, y: rng.next() * 10 - 5 };
      return { number: i, state: 'complete' as const, params, value: sphere(params), values: [sphere(params), (params.x + 3) ** 2], intermediate: {} };
    });
    const constrained = trials.map((t) => ({ ...t, constraints: [t.params.x - 2] }));
    const suggestions = (options: Record<string, unknown>, history: TrialRecord[], directions?: ('minimize' | 'maximize')[]) =>
      Array.from({ length: 8 }, (_, s) => new TpeSearcher(options).suggest(space, history, new Rng(200 + s), { direction: 'minimize', directions }));
    const both = { stack_share_l: 0.3, stack_share_g: 0.3 };
    expect(suggestions(both, trials)).not.toEqual(suggestions({}, trials));
    expect(suggestions({ stack_share_g: 0.3 }, trials)).not.toEqual(suggestions({}, trials));
    expect(suggestions({ stack_share_g: 0.3 }, trials)).not.toEqual(suggestions(both, trials));
    // Several objectives (MOTPE) and constraints (c-TPE) keep the joint kernels.
    expect(suggestions(both, trials, ['minimize', 'minimize'])).toEqual(suggestions({}, trials, ['minimize', 'minimize']));
    expect(suggestions(both, constrained)).toEqual(suggestions({}, constrained));
  });
  it('suggests the same from trial objects it has seen before as from fresh copies, as the space and the trials change', () => {
    // A storage like SQLite hands out the same frozen record of a finished trial on every call, which the
    // searcher encodes once (per block); a fresh searcher on fresh copies encodes everything anew.
    const wide: SearchSpace = { ...space, n: { type: 'int', low: 1, high: 8 }, c: { type: 'choice', values: ['a', 'b', 'c'] } };
    const narrow: SearchSpace = { ...wide, x: { type: 'uniform', low: 0, high: 5 } };
    const kept = new TpeSearcher({ n_startup_trials: 5 });
    const trials: TrialRecord[] = [];
    const seen: ParamValues[] = [];
    const fresh: ParamValues[] = [];
    for (let i = 0; i < 40; i++) {
      // From trial 20 on the space alternates: in the narrow one, trials with x < 0 have no legal value.
      const current = i >= 20 && i % 2 === 1 ? narrow : wide;
      const ctx = { direction: 'minimize' as const };
      seen.push(kept.suggest(current, [...trials], new Rng(500 + i), ctx));
      fresh.push(new TpeSearcher({ n_startup_trials: 5 }).suggest(current, structuredClone(trials), new Rng(500 + i), ctx));
      // The previous trial, running until now, finishes: a new record with the same number and parameters.
      if (i > 0) trials[i - 1] = Object.freeze({ ...trials[i - 1], state: 'complete' as const, value: sphere(trials[i - 1].params) + trials[i - 1].params.n });
      trials.push(Object.freeze({ number: i, state: 'running' as const, params: Object.freeze(seen[i]), intermediate: {} }));
    }
    expect(seen).toEqual(fresh);
    expect(seen.slice(20).some((p, i) => i % 2 === 1 && p.x < 0)).toBe(false);
  });
});
