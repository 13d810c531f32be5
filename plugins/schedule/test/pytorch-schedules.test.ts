import { describe, expect, it } from 'vitest';
import { readPytorchFixture } from '@hyperspec/core/testing';
import { buildSchedule, ratesOf } from './build-schedule.js';

const fixture = readPytorchFixture<{
  schedules: { name: string; base_lr: number; options: Record<string, unknown>; lr_per_epoch: number[] }[];
}>('schedules.json');

describe('schedules against PyTorch 1.13 (one scheduler step per epoch)', () => {
  it('covers every schedule of the fixture', () => {
    expect(fixture.schedules.map((s) => s.name)).toEqual(['step', 'exponential', 'cosine', 'cosine_warm_restarts', 'linear_warmup']);
  });

  for (const s of fixture.schedules) {
    it(`${s.name} ${JSON.stringify(s.options)}: the rate at the start of each of ${s.lr_per_epoch.length} epochs`, () => {
      // The fixture's option names are hyperspec's; only `type` is added.
      const schedule = buildSchedule({ type: s.name, ...s.options }, { baseLr: s.base_lr, epochs: s.lr_per_epoch.length });
      expect(schedule.interval).toBe('epoch');
      ratesOf(schedule, s.lr_per_epoch.length).forEach((rate, epoch) => {
        expect(Math.abs(rate - s.lr_per_epoch[epoch]), `epoch ${epoch}: ${rate} vs ${s.lr_per_epoch[epoch]}`).toBeLessThanOrEqual(1e-12 * s.lr_per_epoch[epoch]);
      });
    });
  }
});
