import type { ComponentDescriptor, LrSchedule, ScheduleContext } from '@hyperspec/core';
import { scheduleSchema, type Interval } from './schedule-schema.js';

type Descriptor<O> = ComponentDescriptor<LrSchedule, O & { interval: Interval }, ScheduleContext>;

export const constantDescriptor: Descriptor<Record<never, never>> = {
  kind: 'schedule',
  type: 'constant',
  description: 'The optimizer\'s learning_rate throughout',
  schema: scheduleSchema('constant', {}),
  create: ({ interval }, ctx) => ({ interval, rate: () => ctx.baseLr }),
};

/** torch.optim.lr_scheduler.StepLR: lr = base · gamma^⌊t / step_size⌋. */
export const stepDescriptor: Descriptor<{ step_size: number; gamma: number }> = {
  kind: 'schedule',
  type: 'step',
  description: 'Multiplies the rate by gamma every step_size epochs (or steps)',
  schema: scheduleSchema('step', {
    step_size: { type: 'integer', minimum: 1, maximum: 1000000000, description: 'Epochs (or steps) between decays' },
    gamma: { type: 'number', exclusiveMinimum: 0, maximum: 10, default: 0.1, description: 'Factor applied at every decay' },
  }, ['step_size']),
  create: ({ interval, step_size: size, gamma }, ctx) => ({ interval, rate: (t) => ctx.baseLr * gamma ** Math.floor(t / size) }),
};

/** torch.optim.lr_scheduler.ExponentialLR: lr = base · gamma^t. */
export const exponentialDescriptor: Descriptor<{ gamma: number }> = {
  kind: 'schedule',
  type: 'exponential',
  description: 'Multiplies the rate by gamma every epoch (or step)',
  schema: scheduleSchema('exponential', {
    gamma: { type: 'number', exclusiveMinimum: 0, maximum: 10, description: 'Factor applied every epoch (or step)' },
  }, ['gamma']),
  create: ({ interval, gamma }, ctx) => ({ interval, rate: (t) => ctx.baseLr * gamma ** t }),
};

/**
 * torch.optim.lr_scheduler.LinearLR, used as a warmup: the factor goes linearly from start_factor to
 * end_factor over total_iters epochs (or steps), then stays at end_factor.
 */
export const linearWarmupDescriptor: Descriptor<{ start_factor: number; end_factor: number; total_iters: number }> = {
  kind: 'schedule',
  type: 'linear_warmup',
  description: 'Scales the rate linearly from start_factor to end_factor over total_iters, then holds it',
  schema: scheduleSchema('linear_warmup', {
    start_factor: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 1 / 3, description: 'Fraction of the learning rate at t = 0' },
    end_factor: { type: 'number', minimum: 0, maximum: 1, default: 1, description: 'Fraction of the learning rate from t = total_iters on' },
    total_iters: { type: 'integer', minimum: 1, maximum: 1000000000, default: 5, description: 'Epochs (or steps) the ramp takes' },
  }),
  create: ({ interval, start_factor: start, end_factor: end, total_iters: total }, ctx) => ({
    interval,
    rate: (t) => ctx.baseLr * (start + ((end - start) * Math.min(t, total)) / total),
  }),
};
