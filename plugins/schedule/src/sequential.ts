import { HyperspecError, type ComponentDescriptor, type ComponentSpec, type LrSchedule, type ScheduleContext } from '@hyperspec/core';
import { scheduleSchema, trainingLength, type Interval } from './schedule-schema.js';

interface SequentialOptions {
  interval: Interval;
  schedules: ComponentSpec[];
  milestones: number[];
}

/** Index of the schedule active at t: the number of milestones ≤ t (Python's bisect_right). */
function segmentAt(milestones: readonly number[], t: number): number {
  let i = 0;
  while (i < milestones.length && milestones[i] <= t) i++;
  return i;
}

function checkMilestones(milestones: readonly number[], count: number, path: string): void {
  if (milestones.length !== count - 1) {
    throw new HyperspecError('spec', `schedule "sequential": ${count} schedules need ${count - 1} milestones (got ${milestones.length})`, {
      location: { path: `${path}.milestones` },
      hint: 'milestone k is the epoch (or step) at which schedule k+1 takes over',
    });
  }
  milestones.forEach((m, i) => {
    if (i > 0 && m <= milestones[i - 1]) {
      throw new HyperspecError('spec', `schedule "sequential": milestones must increase (got ${milestones[i - 1]} then ${m})`, { location: { path: `${path}.milestones[${i}]` } });
    }
  });
}

/**
 * Builds the nested schedules through `ctx.components`, each validated against its own schema (the
 * same check a top-level schedule gets). A nested schedule counts t in the
 * parent's interval, and its context describes its own segment, so `cosine` without t_max anneals over
 * exactly the epochs (or steps) it is active.
 */
function buildSegments(options: SequentialOptions, ctx: ScheduleContext): LrSchedule[] {
  const { interval, schedules, milestones } = options;
  const total = trainingLength(interval, ctx);
  return schedules.map((spec, i) => {
    const path = `${ctx.path}.schedules[${i}]`;
    const node = typeof spec === 'string' ? { type: spec } : spec;
    if (node.interval !== undefined && node.interval !== interval) {
      throw new HyperspecError('spec', `schedule "sequential": a nested schedule counts t in the sequential's interval "${interval}" (got interval "${String(node.interval)}")`, {
        location: { path: `${path}.interval` },
        hint: 'set interval on the sequential schedule only',
      });
    }
    const start = i === 0 ? 0 : milestones[i - 1];
    const end = i < milestones.length ? milestones[i] : total;
    const span = Math.max(1, end - start);
    const schedule = ctx.components.create<LrSchedule>('schedule', { ...node, interval }, path, {
      baseLr: ctx.baseLr, epochs: span, stepsPerEpoch: interval === 'step' ? 1 : ctx.stepsPerEpoch,
    });
    if (schedule.observe) {
      throw new HyperspecError('spec', `schedule "sequential": "${node.type}" follows metrics, not time, so it cannot be one of a sequence`, {
        location: { path: `${path}.type` },
        hint: 'use reduce_on_plateau on its own',
      });
    }
    return schedule;
  });
}

/**
 * torch.optim.lr_scheduler.SequentialLR: schedule k runs from milestone k−1 (or 0) to milestone k, and
 * starts again from its own t = 0 there, e.g. a linear warmup for 5 epochs, then cosine annealing.
 */
export const sequentialDescriptor: ComponentDescriptor<LrSchedule, SequentialOptions, ScheduleContext> = {
  kind: 'schedule',
  type: 'sequential',
  description: 'Runs schedules one after another, switching at the milestones (e.g. warmup, then cosine)',
  schema: scheduleSchema('sequential', {
    schedules: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: { type: { type: 'string', description: 'A schedule type' } },
        required: ['type'],
        description: 'A schedule node, { type, ...options }, validated against that schedule\'s own schema',
      },
      description: 'The schedules in order; each counts t from 0 when it takes over',
    },
    milestones: {
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: 1000000000 },
      description: 'Epochs (or steps) at which the next schedule takes over; one fewer than schedules',
    },
  }, ['schedules', 'milestones']),
  create: (options, ctx) => {
    checkMilestones(options.milestones, options.schedules.length, ctx.path);
    const segments = buildSegments(options, ctx);
    const { milestones } = options;
    const stateful = segments.some((s) => s.saveState);
    return {
      interval: options.interval,
      rate: (t) => {
        const k = segmentAt(milestones, t);
        return segments[k].rate(k === 0 ? t : t - milestones[k - 1]);
      },
      ...(stateful
        ? {
            saveState: () => segments.map((s) => s.saveState?.() ?? null),
            loadState: (state: unknown) => {
              if (!Array.isArray(state) || state.length !== segments.length) {
                throw new HyperspecError('data', `schedule "sequential": the saved state does not have ${segments.length} entries`);
              }
              segments.forEach((s, i) => s.loadState?.(state[i]));
            },
          }
        : {}),
    };
  },
};
