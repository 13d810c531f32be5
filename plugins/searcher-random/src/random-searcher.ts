import type { ParamValues, Rng, SearchSpace, Searcher, SuggestContext, TrialRecord } from '@hyperspec/core';
import { checkSearchSpace, flattenSpace, sampleRandomParams, sobolParams, type ParamDef } from '@hyperspec/core/search';

export interface RandomSearcherOptions {
  /** Draw from a scrambled Sobol' sequence instead of independent uniforms. */
  sobol: boolean;
}

/**
 * Random search (Bergstra & Bengio, "Random Search for Hyper-Parameter Optimization", JMLR 2012):
 * every active parameter drawn uniformly in the unit cube (so log ranges are log-uniform, ints and
 * choices uniform over their values), from the per-call `rng`. With `sobol`, the point is number
 * `trials.length` of an Owen-scrambled Sobol' sequence seeded by the study seed, which covers the
 * space more evenly than independent draws and stays resumable: the index is the count of trials.
 */
export class RandomSearcher implements Searcher {
  /** Values never steer the points, so any number of objectives is fine. */
  readonly multiObjective = true;
  private cached?: { space: SearchSpace; params: ParamDef[] };

  constructor(private readonly options: RandomSearcherOptions = { sobol: false }) {}

  private params(space: SearchSpace): ParamDef[] {
    if (this.cached?.space !== space) {
      checkSearchSpace(space, 'random searcher');
      this.cached = { space, params: flattenSpace(space) };
    }
    return this.cached.params;
  }

  /** Called once per new trial; uses only the number of trials (Sobol') or the rng (uniform). */
  suggest(space: SearchSpace, trials: readonly TrialRecord[], rng: Rng, ctx: SuggestContext): ParamValues {
    const params = this.params(space);
    return this.options.sobol ? sobolParams(params, trials.length, ctx.seed ?? 0) : sampleRandomParams(params, rng);
  }
}
