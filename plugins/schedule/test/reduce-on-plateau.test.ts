import { describe, expect, it } from 'vitest';
import type { LrSchedule } from '@hyperspec/core';
import { buildSchedule } from './build-schedule.js';

/** Feeds `values` of the monitored metric, one per epoch, and returns the rate after each. */
function feed(schedule: LrSchedule, values: number[], monitor = 'val_loss'): number[] {
  return values.map((v) => {
    schedule.observe!({ loss: 0, [monitor]: v });
    return schedule.rate(0);
  });
}

describe('reduce_on_plateau (torch ReduceLROnPlateau)', () => {
  it('reduces after more than `patience` epochs without a relative improvement beyond threshold', () => {
    const s = buildSchedule({ type: 'reduce_on_plateau', patience: 2, factor: 0.5, threshold: 0.1 }, { baseLr: 1 });
    // best 1; 0.95 is not < 1·(1 − 0.1): bad 1, 2, 3 > patience → halve at the 4th epoch; then bad 1, 2, 3 → halve again.
    expect(feed(s, [1, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95])).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25]);
  });

  it('counts an improvement (resetting the count) and honours cooldown and min_lr', () => {
    const s = buildSchedule({ type: 'reduce_on_plateau', patience: 0, factor: 0.1, cooldown: 1, min_lr: 0.005, threshold: 0 }, { baseLr: 1 });
    // 2 best; 3 bad → 0.1 (cooldown 1); 3 bad but cooldown clears it; 3 bad → 0.01 (cooldown 1);
    // 1 better (cooldown ends); 3 bad → max(0.001, min_lr 0.005); 3 in cooldown; 3 bad, but 0.005 is the floor.
    expect(feed(s, [2, 3, 3, 3, 1, 3, 3, 3]).map((r) => +r.toPrecision(12))).toEqual([1, 0.1, 0.1, 0.01, 0.01, 0.005, 0.005, 0.005]);
  });

  it('in max mode reduces when an accuracy stops rising, with an absolute threshold', () => {
    const s = buildSchedule({ type: 'reduce_on_plateau', monitor: 'val_accuracy', mode: 'max', patience: 1, threshold: 0.05, threshold_mode: 'abs' }, { baseLr: 1 });
    // 0.5 best; 0.54 is not > 0.55: bad 1; 0.6 better; 0.62 bad 1; 0.64 bad 2 > 1 → 0.1.
    expect(feed(s, [0.5, 0.54, 0.6, 0.62, 0.64], 'val_accuracy')).toEqual([1, 1, 1, 1, 0.1]);
  });

  it('saves its state as JSON mid-plateau and a restored copy continues identically', () => {
    const options = { type: 'reduce_on_plateau', patience: 2, factor: 0.5, cooldown: 1 };
    const values = [3, 2, 2.5, 2.4, 2.2, 2.1, 2.3, 2.05, 2.2, 2.2];
    const straight = feed(buildSchedule(options), values);
    const first = buildSchedule(options);
    feed(first, values.slice(0, 4));
    const saved = JSON.parse(JSON.stringify(first.saveState!()));
    const second = buildSchedule(options);
    second.loadState!(saved);
    expect(feed(second, values.slice(4))).toEqual(straight.slice(4));
    expect(straight.at(-1)).toBeLessThan(0.1);
    // A fresh schedule's state is JSON-safe too: the unset best is null, not Infinity.
    expect(JSON.parse(JSON.stringify(buildSchedule(options).saveState!()))).toEqual({ lr: 0.1, best: null, badEpochs: 0, cooldownLeft: 0 });
  });

  it('names the monitored metric and the available ones when it is missing', () => {
    const s = buildSchedule('reduce_on_plateau');
    expect(() => s.observe!({ loss: 1, accuracy: 0.5 })).toThrow(/monitor "val_loss" is not among the epoch's metrics \(loss, accuracy\)/);
  });
});
