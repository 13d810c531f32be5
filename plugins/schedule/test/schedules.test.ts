import { describe, expect, it } from 'vitest';
import { restartPeriod } from '../src/index.js';
import { buildSchedule, ratesOf } from './build-schedule.js';

describe('constant, step, exponential, cosine', () => {
  it('constant gives the base rate at every t', () => {
    expect(ratesOf(buildSchedule('constant', { baseLr: 0.3 }), 4)).toEqual([0.3, 0.3, 0.3, 0.3]);
  });

  it('step defaults gamma to 0.1 and needs step_size', () => {
    expect(ratesOf(buildSchedule({ type: 'step', step_size: 2 }, { baseLr: 1 }), 5)).toEqual([1, 1, 0.1, 0.1, 0.1 ** 2]);
    expect(() => buildSchedule({ type: 'step' })).toThrow(/missing required key "step_size"/);
  });

  it('cosine anneals over the whole run when t_max is left out, in epochs or in steps', () => {
    const epochs = buildSchedule({ type: 'cosine' }, { baseLr: 1, epochs: 4 });
    expect(ratesOf(epochs, 5).map((r) => +r.toFixed(12))).toEqual([1, +(0.5 + Math.SQRT1_2 / 2).toFixed(12), 0.5, +(0.5 - Math.SQRT1_2 / 2).toFixed(12), 0]);
    const steps = buildSchedule({ type: 'cosine', interval: 'step' }, { baseLr: 1, epochs: 4, stepsPerEpoch: 10 });
    expect(steps.interval).toBe('step');
    expect(steps.rate(20)).toBeCloseTo(0.5, 12);
    expect(steps.rate(40)).toBeCloseTo(0, 12);
  });

  it('cosine_warm_restarts finds its period with integers: 5, 10, 20, ... for t_0 5, t_mult 2', () => {
    expect([0, 4, 5, 14, 15, 34, 35].map((t) => restartPeriod(t, 5, 2))).toEqual([
      { start: 0, length: 5 }, { start: 0, length: 5 }, { start: 5, length: 10 }, { start: 5, length: 10 },
      { start: 15, length: 20 }, { start: 15, length: 20 }, { start: 35, length: 40 },
    ]);
    const r = buildSchedule({ type: 'cosine_warm_restarts', t_0: 3, eta_min: 0.01 }, { baseLr: 0.1 });
    expect(r.rate(3)).toBe(0.1);
    expect(r.rate(6)).toBe(0.1);
    expect(r.rate(4)).toBeCloseTo(0.01 + 0.09 * 0.75, 12);
  });

  it('linear_warmup has torch LinearLR defaults (start 1/3 over 5) and can ramp to an end_factor', () => {
    const defaults = buildSchedule('linear_warmup', { baseLr: 0.3 });
    expect(defaults.rate(0)).toBeCloseTo(0.1, 12);
    expect(defaults.rate(5)).toBeCloseTo(0.3, 12);
    const down = buildSchedule({ type: 'linear_warmup', start_factor: 1, end_factor: 0.5, total_iters: 2 }, { baseLr: 1 });
    expect(ratesOf(down, 4)).toEqual([1, 0.75, 0.5, 0.5]);
  });

  it('rejects options outside their bounds and unknown keys, naming them', () => {
    expect(() => buildSchedule({ type: 'exponential', gamma: -1 })).toThrow(/train.schedule.gamma: must be > 0/);
    expect(() => buildSchedule({ type: 'cosine', tmax: 3 })).toThrow(/unknown key "tmax"/);
    expect(() => buildSchedule({ type: 'cosine', interval: 'batch' })).toThrow(/train.schedule.interval: must be one of: /);
  });
});
