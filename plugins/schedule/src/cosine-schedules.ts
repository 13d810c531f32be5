import type { ComponentDescriptor, LrSchedule, ScheduleContext } from '@hyperspec/core';
import { cosineBetween, scheduleSchema, trainingLength, type Interval } from './schedule-schema.js';

interface CosineOptions {
  interval: Interval;
  t_max?: number;
  eta_min: number;
}

/**
 * torch.optim.lr_scheduler.CosineAnnealingLR in closed form: lr = eta_min + (base − eta_min)·(1 + cos(π·t/t_max))/2.
 * Past t_max the cosine climbs again, as PyTorch's does.
 */
export const cosineDescriptor: ComponentDescriptor<LrSchedule, CosineOptions, ScheduleContext> = {
  kind: 'schedule',
  type: 'cosine',
  description: 'Cosine annealing from the learning rate down to eta_min over t_max epochs (or steps)',
  schema: scheduleSchema('cosine', {
    t_max: { type: 'integer', minimum: 1, maximum: 1000000000, description: 'Epochs (or steps) from the full rate to eta_min; default: the whole training run' },
    eta_min: { type: 'number', minimum: 0, maximum: 10, default: 0, description: 'The lowest rate' },
  }),
  create: ({ interval, t_max: tMax, eta_min: etaMin }, ctx) => {
    const period = tMax ?? Math.max(1, trainingLength(interval, ctx));
    return { interval, rate: (t) => cosineBetween(ctx.baseLr, etaMin, t, period) };
  },
};

interface WarmRestartOptions {
  interval: Interval;
  t_0: number;
  t_mult: number;
  eta_min: number;
}

/** The start and length of the restart period that contains t: periods t_0, t_0·t_mult, t_0·t_mult², ... */
export function restartPeriod(t: number, t0: number, mult: number): { start: number; length: number } {
  let start = 0;
  let length = t0;
  // Counting periods exactly in integers avoids the floating log PyTorch uses to find them.
  while (t >= start + length) {
    start += length;
    length *= mult;
  }
  return { start, length };
}

/** torch.optim.lr_scheduler.CosineAnnealingWarmRestarts (SGDR, Loshchilov & Hutter 2017). */
export const cosineWarmRestartsDescriptor: ComponentDescriptor<LrSchedule, WarmRestartOptions, ScheduleContext> = {
  kind: 'schedule',
  type: 'cosine_warm_restarts',
  description: 'Cosine annealing that restarts at the full rate after t_0 epochs (or steps), each period t_mult times longer',
  schema: scheduleSchema('cosine_warm_restarts', {
    t_0: { type: 'integer', minimum: 1, maximum: 1000000000, description: 'Length of the first period in epochs (or steps)' },
    t_mult: { type: 'integer', minimum: 1, maximum: 100, default: 1, description: 'Each period is t_mult times longer than the one before' },
    eta_min: { type: 'number', minimum: 0, maximum: 10, default: 0, description: 'The lowest rate' },
  }, ['t_0']),
  create: ({ interval, t_0: t0, t_mult: mult, eta_min: etaMin }, ctx) => ({
    interval,
    rate: (t) => {
      const { start, length } = restartPeriod(t, t0, mult);
      return cosineBetween(ctx.baseLr, etaMin, t - start, length);
    },
  }),
};
