import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '@hyperspec/core';
import { MedianPruner, median, medianPrunerDescriptor } from '../src/index.js';

const DEFAULTS = { n_startup_trials: 5, n_warmup_steps: 0, interval_steps: 1, n_min_trials: 1 };
const done = (number: number, curve: number[]): TrialRecord => ({
  number,
  state: 'complete',
  params: {},
  value: curve[curve.length - 1],
  intermediate: Object.fromEntries(curve.map((v, i) => [i + 1, v])),
});
const running = (number: number, curve: number[]): TrialRecord => ({ ...done(number, curve), state: 'running', value: undefined });
/** Five completed trials whose values at every step are 1, 2, 3, 4, 5 (median 3). */
const five = [1, 2, 3, 4, 5].map((v, i) => done(i, [v, v, v]));

describe('median pruner', () => {
  it('computes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('prunes a trial worse than the median of completed trials at the same step, and keeps a better one', () => {
    const p = new MedianPruner(DEFAULTS);
    const worse = running(9, [3.5]);
    const better = running(10, [2.9]);
    expect(p.shouldPrune(worse, 1, [...five, worse], 'minimize')).toBe(true);
    expect(p.shouldPrune(better, 1, [...five, better], 'minimize')).toBe(false);
    // Maximising flips the comparison.
    expect(p.shouldPrune(worse, 1, [...five, worse], 'maximize')).toBe(false);
    expect(p.shouldPrune(better, 1, [...five, better], 'maximize')).toBe(true);
  });

  it('judges the best value reported so far, not the latest one', () => {
    const p = new MedianPruner(DEFAULTS);
    const spiky = running(9, [2, 9]);
    expect(p.shouldPrune(spiky, 2, [...five, spiky], 'minimize')).toBe(false);
    const late = running(10, [4, 3.2]);
    expect(p.shouldPrune(late, 2, [...five, late], 'minimize')).toBe(true);
  });

  it('waits for n_startup_trials completed trials; running and pruned ones do not count', () => {
    const p = new MedianPruner(DEFAULTS);
    const others = [...five.slice(0, 4), running(5, [1]), { ...done(6, [1]), state: 'pruned' as const }];
    const t = running(9, [100]);
    expect(p.shouldPrune(t, 1, [...others, t], 'minimize')).toBe(false);
    expect(p.shouldPrune(t, 1, [...others, five[4], t], 'minimize')).toBe(true);
    expect(new MedianPruner({ ...DEFAULTS, n_startup_trials: 0 }).shouldPrune(t, 1, [five[0], t], 'minimize')).toBe(true);
  });

  it('skips warm-up steps and steps between intervals', () => {
    const t = running(9, [100, 100, 100]);
    const warm = new MedianPruner({ ...DEFAULTS, n_warmup_steps: 2 });
    expect([1, 2, 3].map((s) => warm.shouldPrune(t, s, [...five, t], 'minimize'))).toEqual([false, false, true]);
    const every2 = new MedianPruner({ ...DEFAULTS, interval_steps: 2 });
    expect([1, 2, 3].map((s) => every2.shouldPrune(t, s, [...five, t], 'minimize'))).toEqual([false, true, false]);
  });

  it('needs n_min_trials completed trials with a value at the step, and prunes NaN', () => {
    const t = running(9, [100, 100, 100, 100]);
    const p = new MedianPruner({ ...DEFAULTS, n_min_trials: 1 });
    expect(p.shouldPrune(t, 4, [...five, t], 'minimize'), 'no completed trial reached step 4').toBe(false);
    const nan = running(10, [Number.NaN]);
    expect(p.shouldPrune(nan, 1, [...five, nan], 'minimize')).toBe(true);
  });

  it('declares Optuna\'s defaults in its schema', () => {
    const props = medianPrunerDescriptor.schema.properties as Record<string, { default: number }>;
    expect(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.default]))).toEqual(DEFAULTS);
  });
});
