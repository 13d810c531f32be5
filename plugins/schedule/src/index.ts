import { definePlugin, type ComponentDescriptor, type LrSchedule, type ScheduleContext } from '@hyperspec/core';
import { cosineDescriptor, cosineWarmRestartsDescriptor } from './cosine-schedules.js';
import { constantDescriptor, exponentialDescriptor, linearWarmupDescriptor, stepDescriptor } from './fixed-schedules.js';
import { reduceOnPlateauDescriptor } from './reduce-on-plateau.js';
import { sequentialDescriptor } from './sequential.js';

export { constantDescriptor, exponentialDescriptor, linearWarmupDescriptor, stepDescriptor } from './fixed-schedules.js';
export { cosineDescriptor, cosineWarmRestartsDescriptor, restartPeriod } from './cosine-schedules.js';
export { ReduceOnPlateau, reduceOnPlateauDescriptor, type ReduceOnPlateauOptions } from './reduce-on-plateau.js';
export { sequentialDescriptor } from './sequential.js';

/** Every schedule this plugin registers. */
export const scheduleDescriptors: readonly ComponentDescriptor<LrSchedule, any, ScheduleContext>[] = [
  constantDescriptor,
  stepDescriptor,
  exponentialDescriptor,
  cosineDescriptor,
  cosineWarmRestartsDescriptor,
  linearWarmupDescriptor,
  reduceOnPlateauDescriptor,
  sequentialDescriptor,
];

export default definePlugin('@hyperspec/schedule', scheduleDescriptors);
