import type { ParamValues, SearchSpace, TrialRecord } from '../../contracts/search-space.js';
import { flattenSpace, type ParamDef } from '../flatten-space.js';
import { toUnit } from '../unit-encoding.js';
import { Fanova, type FanovaOptions } from './fanova.js';

export interface ParamImportance {
  name: string;
  /** Share of the objective's variance explained by this parameter alone; the shares sum to 1. */
  importance: number;
}

export interface ImportanceModel {
  /** The parameters the forest was fitted on, in feature order. */
  params: ParamDef[];
  fanova: Fanova;
  /** Parameters ranked by importance, most important first. */
  ranking: ParamImportance[];
}

/**
 * The parameters every completed trial has: conditional parameters that only some trials have are left
 * out, as Optuna does (its importance evaluators use the intersection of the trials' search spaces).
 */
function sharedParams(space: SearchSpace, trials: readonly { params: ParamValues }[]): ParamDef[] {
  return flattenSpace(space).filter((def) => trials.every((t) => def.name in t.params));
}

/**
 * Hyperparameter importance of a study by fANOVA on a random forest (see `Fanova`): completed trials
 * only (a pruned trial's value comes from an earlier epoch), each parameter at its unit-cube position
 * (log scale for log ranges, choices as equal cells), the objective as stored. Returns null when fewer
 * than two completed trials share a parameter.
 */
export function fitImportance(space: SearchSpace, trials: readonly TrialRecord[], options: FanovaOptions = {}): ImportanceModel | null {
  const done = trials.filter((t) => t.state === 'complete' && typeof t.value === 'number' && Number.isFinite(t.value));
  const params = sharedParams(space, done);
  if (done.length < 2 || params.length === 0) return null;
  const x = done.map((t) => Float64Array.from(params, (def) => toUnit(def.distribution, t.params[def.name])));
  const fanova = new Fanova(x, done.map((t) => t.value as number), options);
  const shares = fanova.importances();
  const ranking = params.map((def, i) => ({ name: def.name, importance: shares[i] })).sort((a, b) => b.importance - a.importance);
  return { params, fanova, ranking };
}

/** `fitImportance(...).ranking`: each shared parameter's importance, most important first ([] when too few trials). */
export function paramImportances(space: SearchSpace, trials: readonly TrialRecord[], options: FanovaOptions = {}): ParamImportance[] {
  return fitImportance(space, trials, options)?.ranking ?? [];
}
