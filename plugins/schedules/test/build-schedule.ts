import { ComponentRegistry, defaultLogger, resolveComponent, type ComponentSpec, type LrSchedule, type ScheduleContext } from '@hyperspec/core';
import { scheduleDescriptors } from '../src/index.js';

export const registry = new ComponentRegistry([...scheduleDescriptors]);

/** Builds a schedule from a spec node exactly as a spec's `train.schedule` is built (validated, defaults filled). */
export function buildSchedule(spec: ComponentSpec, ctx: Partial<ScheduleContext> = {}): LrSchedule {
  const { descriptor, options } = resolveComponent<LrSchedule>(registry, 'schedule', spec, 'train.schedule');
  return descriptor.create(options, { path: 'train.schedule', registry, logger: defaultLogger(), baseLr: 0.1, epochs: 20, stepsPerEpoch: 10, ...ctx } as ScheduleContext);
}

/** The rates at t = 0 .. n−1. */
export const ratesOf = (schedule: LrSchedule, n: number): number[] => Array.from({ length: n }, (_, t) => schedule.rate(t));
