import { describe, expect, it } from 'vitest';
import { Rng, type TrialRecord } from '@hyperspec/core';
import { AshaPruner, ashaPrunerDescriptor, rungAt } from '../src/index.js';

const DEFAULTS = { min_resource: 1, reduction_factor: 3, min_early_stopping_rate: 0 };
const trial = (number: number, curve: Record<number, number>, state: TrialRecord['state'] = 'running'): TrialRecord => ({ number, state, params: {}, intermediate: curve });

describe('ASHA pruner', () => {
  it('places rungs at r·η^(s+k) epochs', () => {
    expect([1, 2, 3, 4, 9, 10, 27].map((s) => rungAt(s, DEFAULTS))).toEqual([0, -1, 1, -1, 2, -1, 3]);
    expect([1, 3, 9].map((s) => rungAt(s, { ...DEFAULTS, min_early_stopping_rate: 1 }))).toEqual([-1, 0, 1]);
    expect([2, 4, 8, 6].map((s) => rungAt(s, { min_resource: 2, reduction_factor: 2, min_early_stopping_rate: 0 }))).toEqual([0, 1, 2, -1]);
  });

  it('keeps a trial only when it is in the best ⌊n/η⌋ (at least one) of the n that reached the rung', () => {
    const p = new AshaPruner(DEFAULTS);
    const seen: TrialRecord[] = [];
    const arrive = (value: number) => {
      const t = trial(seen.length, { 1: value });
      seen.push(t);
      return p.shouldPrune(t, 1, seen, 'minimize');
    };
    expect(arrive(0.5), 'the first trial at a rung is the best so far').toBe(false);
    expect(arrive(0.4), 'better than the only other one').toBe(false);
    expect(arrive(0.6), 'n = 3 keeps one: 0.4').toBe(true);
    expect(arrive(0.45), 'n = 4 keeps one: 0.4').toBe(true);
    expect(arrive(0.7), 'n = 5 keeps one').toBe(true);
    expect(arrive(0.45), 'n = 6 keeps two: 0.4 and 0.45 (a tie is kept)').toBe(false);
    expect(arrive(0.3)).toBe(false);
  });

  it('does not judge between rungs, and mirrors for maximisation', () => {
    const p = new AshaPruner(DEFAULTS);
    const good = trial(0, { 1: 0.9, 2: 0.9 }, 'complete');
    const bad = trial(1, { 1: 0.2, 2: 0.1 });
    expect(p.shouldPrune(bad, 2, [good, bad], 'maximize')).toBe(false);
    expect(p.shouldPrune(bad, 1, [good, bad], 'maximize')).toBe(true);
    expect(p.shouldPrune(good, 1, [good, bad], 'maximize')).toBe(false);
    expect(p.shouldPrune(good, 1, [good, bad], 'minimize')).toBe(true);
  });

  it('lets roughly 1/η of a population through each rung and never stops the best trial', () => {
    // 81 synthetic trials: quality q; the value after e epochs is q + 1/e (a learning curve), minimised.
    const rng = new Rng(3);
    const quality = Array.from({ length: 81 }, () => rng.next());
    const p = new AshaPruner(DEFAULTS);
    const trials: TrialRecord[] = [];
    const reached = new Map<number, number>();
    for (let n = 0; n < quality.length; n++) {
      const t = trial(n, {});
      trials.push(t);
      for (let epoch = 1; epoch <= 27; epoch++) {
        t.intermediate[epoch] = quality[n] + 1 / epoch;
        if (p.shouldPrune(t, epoch, trials, 'minimize')) {
          t.state = 'pruned';
          break;
        }
      }
      if (t.state === 'running') t.state = 'complete';
      for (const rung of [1, 3, 9, 27]) if (t.intermediate[rung] !== undefined) reached.set(rung, (reached.get(rung) ?? 0) + 1);
    }
    const best = quality.indexOf(Math.min(...quality));
    expect(trials[best].state).toBe('complete');
    // Asynchronous promotion lets more through than synchronous halving (81 → 27 → 9 → 3), but far fewer than all.
    expect(reached.get(1)).toBe(81);
    expect(reached.get(3)!).toBeLessThan(81 / 2);
    expect(reached.get(9)!).toBeLessThan(reached.get(3)! / 1.5);
    expect(reached.get(27)!).toBeLessThan(reached.get(9)!);
    expect(trials.filter((t) => t.state === 'pruned').length).toBeGreaterThan(60);
  });

  it('declares the paper\'s defaults in its schema', () => {
    const props = ashaPrunerDescriptor.schema.properties as Record<string, { default: number }>;
    expect(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.default]))).toEqual(DEFAULTS);
  });
});
