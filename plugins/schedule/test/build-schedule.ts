import type { ComponentSpec, LrSchedule, ScheduleContext } from '@hyperspec/core';
import { componentsOf } from '@hyperspec/core/testing';
import { scheduleDescriptors } from '../src/index.js';

export const components = componentsOf([...scheduleDescriptors]);

/** Builds a schedule from a spec node exactly as a spec's `train.schedule` is built (validated, defaults filled). */
export function buildSchedule(spec: ComponentSpec, ctx: Partial<ScheduleContext> = {}): LrSchedule {
  return components.create<LrSchedule>('schedule', spec, 'train.schedule', { baseLr: 0.1, epochs: 20, stepsPerEpoch: 10, ...ctx });
}

/** The rates at t = 0 .. n−1. */
export const ratesOf = (schedule: LrSchedule, n: number): number[] => Array.from({ length: n }, (_, t) => schedule.rate(t));
