import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Rng } from '../util/rng.js';
import type { Direction, ParamValues, SearchSpace, TrialRecord } from './search-space.js';

export interface SuggestContext {
  /** The direction of the study's (first) objective. */
  direction: Direction;
  /**
   * Every objective's direction when the study has several (`direction` is the first); absent with one.
   * Trials then carry `values` in this order.
   */
  directions?: readonly Direction[];
  /** Number of trials the study will run in total, when known (grid uses it to check its size). */
  budget?: number;
  /**
   * The study's seed, the same for every call of one study. Searchers that need a stream fixed for
   * the whole study (a scrambled Sobol' sequence indexed by trial count) derive it from this; the
   * per-call `rng` differs between calls.
   */
  seed?: number;
}

/**
 * Proposes the next trial's parameters. Called by the study runner once per new trial, with every
 * trial so far — running ones included, so parallel workers do not all propose the same point. A
 * searcher that keeps no hidden state between calls can resume a study and share it across machines.
 */
export interface Searcher {
  suggest(space: SearchSpace, trials: readonly TrialRecord[], rng: Rng, ctx: SuggestContext): ParamValues;
  /** Optional: the total number of distinct points (grid), reported before the study starts. */
  size?(space: SearchSpace): number;
  /**
   * True when `suggest` honours `ctx.directions` with several objectives (or ignores values altogether,
   * as random and grid do). A study with several objectives refuses a searcher without it.
   */
  readonly multiObjective?: boolean;
}

/** The container token under which plugins bind Searcher descriptors, each named by its `type`. */
export const Searcher: ServiceIdentifier<ComponentDescriptor<Searcher>> = Symbol.for('hyperspec.Searcher');
