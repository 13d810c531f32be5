import type { JsonSchema, ScheduleContext } from '@hyperspec/core';

export type Interval = 'epoch' | 'step';

/** Every schedule has this option: what `t` counts. */
export const intervalProperty = {
  type: 'string',
  enum: ['epoch', 'step'],
  default: 'epoch',
  description: 'What t counts: epochs (the rate is set at the start of each epoch) or optimizer steps (set before every step)',
} as const;

/** The options schema of schedule `type`: its own properties plus `interval`; no other keys. */
export function scheduleSchema(type: string, properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return {
    $id: `hyperspec:schedule/${type}`,
    type: 'object',
    properties: { ...properties, interval: intervalProperty },
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

/** The length of training in the schedule's own unit: epochs, or optimizer steps. */
export function trainingLength(interval: Interval, ctx: Pick<ScheduleContext, 'epochs' | 'stepsPerEpoch'>): number {
  return interval === 'step' ? ctx.epochs * ctx.stepsPerEpoch : ctx.epochs;
}

/** Half a cosine from 1 down to 0 over `period`, scaled into [etaMin, baseLr] (SGDR, Loshchilov & Hutter 2017). */
export function cosineBetween(baseLr: number, etaMin: number, t: number, period: number): number {
  return etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * t) / period))) / 2;
}
