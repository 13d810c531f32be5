import { describe, expect, it } from 'vitest';
import { buildSchedule, ratesOf } from './build-schedule.js';

describe('sequential (torch SequentialLR)', () => {
  it('runs a linear warmup, then cosine annealing restarted from its own t = 0 at the milestone', () => {
    const schedule = buildSchedule({
      type: 'sequential',
      schedules: [{ type: 'linear_warmup', start_factor: 0.1, total_iters: 3 }, { type: 'cosine', t_max: 4, eta_min: 0 }],
      milestones: [3],
    }, { baseLr: 1, epochs: 7 });
    const warmup = [0.1, 0.4, 0.7];
    const cosine = [0, 1, 2, 3].map((t) => (1 + Math.cos((Math.PI * t) / 4)) / 2);
    ratesOf(schedule, 7).forEach((r, t) => expect(r, `epoch ${t}`).toBeCloseTo([...warmup, ...cosine][t], 12));
  });

  it('gives a nested cosine without t_max the length of its own segment', () => {
    const schedule = buildSchedule({ type: 'sequential', schedules: [{ type: 'constant' }, { type: 'cosine' }], milestones: [4] }, { baseLr: 1, epochs: 10 });
    // The cosine runs epochs 4..9 (6 epochs): half way at epoch 7.
    expect(schedule.rate(7)).toBeCloseTo(0.5, 12);
  });

  it('counts steps when interval is step, for the nested schedules too', () => {
    const schedule = buildSchedule({
      type: 'sequential', interval: 'step',
      schedules: [{ type: 'linear_warmup', start_factor: 0.5, total_iters: 10 }, { type: 'cosine' }],
      milestones: [10],
    }, { baseLr: 1, epochs: 3, stepsPerEpoch: 10 });
    expect(schedule.interval).toBe('step');
    expect(schedule.rate(5)).toBeCloseTo(0.75, 12);
    // The cosine covers steps 10..29: 20 steps, half way at step 20.
    expect(schedule.rate(20)).toBeCloseTo(0.5, 12);
  });

  it('validates nested options against the nested schedule\'s schema, with the nested path', () => {
    const bad = { type: 'sequential', schedules: [{ type: 'constant' }, { type: 'cosine', t_maxx: 3 }], milestones: [2] };
    expect(() => buildSchedule(bad)).toThrow(/train.schedule.schedules\[1\].t_maxx: unknown key "t_maxx" — did you mean "t_max"\?/);
    try {
      buildSchedule(bad);
    } catch (e) {
      expect((e as { location?: { path?: string } }).location?.path).toBe('train.schedule.schedules[1].t_maxx');
    }
    expect(() => buildSchedule({ type: 'sequential', schedules: [{ type: 'cosin' }], milestones: [] })).toThrow(/unknown schedule "cosin" — did you mean "cosine"\?/);
  });

  it('rejects a wrong number of milestones, decreasing milestones, a mixed interval and reduce_on_plateau', () => {
    const two = [{ type: 'constant' }, { type: 'exponential', gamma: 0.9 }];
    expect(() => buildSchedule({ type: 'sequential', schedules: two, milestones: [] })).toThrow(/2 schedules need 1 milestones \(got 0\)/);
    expect(() => buildSchedule({ type: 'sequential', schedules: [...two, { type: 'constant' }], milestones: [5, 5] })).toThrow(/milestones must increase \(got 5 then 5\)/);
    expect(() => buildSchedule({ type: 'sequential', schedules: [{ type: 'constant', interval: 'step' }], milestones: [] })).toThrow(/counts t in the sequential's interval "epoch" \(got interval "step"\)/);
    expect(() => buildSchedule({ type: 'sequential', schedules: [{ type: 'constant' }, { type: 'reduce_on_plateau' }], milestones: [3] })).toThrow(/"reduce_on_plateau" follows metrics, not time/);
  });
});
