import { lowerIsBetter } from '../bundle/best-epoch.js';
import { getAtPath, isPlainObject } from './spec-path.js';
import type { ValidationContext } from './validation-context.js';

/**
 * Quantities a study measures on each trial besides the metrics its training reports, usable as
 * objectives and constraints: trainable parameters, mean seconds per epoch, inference milliseconds per
 * sample, and the peak memory held by tensors while training (MB).
 */
export const MEASURED_QUANTITIES = ['parameters', 'epoch_seconds', 'inference_ms', 'peak_memory_mb'] as const;
export type MeasuredQuantity = (typeof MEASURED_QUANTITIES)[number];

export function isMeasuredQuantity(name: string): name is MeasuredQuantity {
  return (MEASURED_QUANTITIES as readonly string[]).includes(name);
}

/** Minimise losses, errors and measured costs; maximise everything else (accuracy, F1, ...). */
export function inferDirection(metric: string): 'minimize' | 'maximize' {
  return isMeasuredQuantity(metric) || lowerIsBetter(metric) ? 'minimize' : 'maximize';
}

/**
 * Checks what the schema cannot: `objective` and `objectives` are alternatives (a resolved spec keeps
 * both, the first objective repeated), no metric is an
 * objective twice, and a pruner (which compares one value per epoch) is refused with several objectives.
 */
export function validateObjectives(ctx: ValidationContext, spec: Record<string, unknown>): void {
  const search = getAtPath(spec, ['search']);
  if (!isPlainObject(search) || !Array.isArray(search.objectives)) return;
  // A resolved spec holds both, objective being the first of objectives: validating it again is fine.
  const first = search.objectives[0];
  const objective = search.objective;
  const agrees = isPlainObject(objective) && isPlainObject(first) && objective.metric === first.metric && (objective.direction === undefined || objective.direction === first.direction);
  if (objective !== undefined && !agrees) {
    ctx.report(['search', 'objective'], 'key', 'give either objective (one) or objectives (several), not both');
  }
  const seen = new Set<string>();
  const at = isPlainObject(first) ? (first.at ?? 'best') : 'best';
  search.objectives.forEach((o: unknown, i: number) => {
    if (!isPlainObject(o) || typeof o.metric !== 'string') return;
    if (seen.has(o.metric)) ctx.report(['search', 'objectives', i, 'metric'], 'value', `${o.metric} is already an objective`);
    seen.add(o.metric);
    if (i > 0 && o.at !== undefined && o.at !== at) {
      ctx.report(['search', 'objectives', i, 'at'], 'value', `a trial is judged at one epoch, chosen by the first objective's at (${at}); give at on the first objective only`);
    }
  });
  if (search.objectives.length > 1 && search.pruner !== undefined) {
    ctx.report(['search', 'pruner'], 'key', 'a pruner compares one objective per epoch, so it cannot prune a study with several objectives; remove pruner: or keep one objective');
  }
}

/**
 * Fills the objectives of a search block: `objectives` from `objective` (default val_loss) when only
 * that was given, each direction inferred from its metric when not written, every `at` the first's
 * (default best), and `objective` as the first of `objectives`.
 */
export function fillObjectives(search: Record<string, unknown>): void {
  const list = Array.isArray(search.objectives) ? search.objectives : [isPlainObject(search.objective) ? search.objective : {}];
  const at = (list[0] as Record<string, unknown> | undefined)?.at ?? 'best';
  const objectives = list.map((o: Record<string, unknown>) => {
    const metric = typeof o.metric === 'string' ? o.metric : 'val_loss';
    return { ...o, metric, direction: o.direction ?? inferDirection(metric), at };
  });
  search.objectives = objectives;
  search.objective = { ...objectives[0] };
}
