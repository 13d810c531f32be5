import type { TrialRecord } from '@hyperspec/core';
import { describe, expect, it } from 'vitest';
import { improvementWeights } from '../src/improvement-weights.js';
import { splitTrials } from '../src/split-trials.js';

const trial = (number: number, value: number | undefined, extra: Partial<TrialRecord> = {}): TrialRecord => ({ number, state: 'complete', params: {}, value, intermediate: {}, ...extra });

describe('improvement weights of the good group', () => {
  it('are proportional to the improvement over the best bad loss, mean 1, the worst good trial floored', () => {
    const good = [trial(0, 1), trial(1, 3), trial(2, 4)];
    const bad = [trial(3, 5), trial(4, 9)];
    // τ = 5: improvements 4, 2, 1 → scaled to mean 1.
    expect(Array.from(improvementWeights(good, bad, 'minimize')!)).toEqual([12 / 7, 6 / 7, 3 / 7].map((v) => expect.closeTo(v, 12)));
    // A good trial level with τ keeps 5 % of the best one's improvement.
    const w = improvementWeights([trial(0, 1), trial(1, 5)], bad, 'minimize')!;
    expect(w[1] / w[0]).toBeCloseTo(0.05, 12);
  });

  it('follow the direction: with maximize the largest value weighs most', () => {
    const all = [trial(0, 0.9), trial(1, 0.7), trial(2, 0.5), trial(3, 0.1)];
    const { good, bad } = splitTrials(all, 2, 'maximize', false);
    const w = improvementWeights(good, bad, 'maximize')!;
    // good = trials 0 and 1 (number order); τ = −0.5 as a loss: improvements 0.4 and 0.2.
    expect(w[0] / w[1]).toBeCloseTo(2, 12);
  });

  it('fall back to equal weights when an improvement is undefined', () => {
    const bad = [trial(3, 5)];
    expect(improvementWeights([trial(0, 1)], bad, 'minimize')).toBeUndefined();
    expect(improvementWeights([trial(0, 1), trial(1, undefined, { state: 'pruned', intermediate: { 1: 2 } })], bad, 'minimize')).toBeUndefined();
    expect(improvementWeights([trial(0, 1), trial(1, 2, { constraints: [0.5] })], bad, 'minimize')).toBeUndefined();
    // No complete feasible bad trial to set τ: a running one and an infeasible one do not count.
    expect(improvementWeights([trial(0, 1), trial(1, 2)], [{ ...trial(5, undefined), state: 'running' }, trial(6, 0, { constraints: [1] })], 'minimize')).toBeUndefined();
    // All good losses equal to τ: no spread.
    expect(improvementWeights([trial(0, 5), trial(1, 5)], bad, 'minimize')).toBeUndefined();
  });
});
