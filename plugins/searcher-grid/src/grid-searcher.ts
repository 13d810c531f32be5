import { HyperspecError, type ParamValues, type Rng, type SearchSpace, type Searcher, type SuggestContext, type TrialRecord } from '@hyperspec/core';
import { checkSearchSpace } from '@hyperspec/core/search';
import { buildGrid, gridIndex, gridPoint, type GridSpace } from './grid-axes.js';

/**
 * Grid search. Points are numbered in lexicographic order of the space (first parameter slowest,
 * a choice's options in order, each followed by its own sub-grid); `suggest` returns the lowest
 * numbered point that no trial (running, failed and pruned ones included) already has, so a study
 * resumes where it stopped and parallel workers share the grid. It keeps no state and ignores `rng`.
 */
export class GridSearcher implements Searcher {
  /** Values never steer the points, so any number of objectives is fine. */
  readonly multiObjective = true;
  private cached?: { space: SearchSpace; grid: GridSpace };

  private grid(space: SearchSpace): GridSpace {
    if (this.cached?.space !== space) {
      checkSearchSpace(space, 'grid searcher');
      this.cached = { space, grid: buildGrid(space) };
    }
    return this.cached.grid;
  }

  /** Called before a study starts: the number of distinct grid points. */
  size(space: SearchSpace): number {
    return this.grid(space).size;
  }

  /** Called once per new trial: the next grid point not taken by an existing trial. */
  suggest(space: SearchSpace, trials: readonly TrialRecord[], _rng: Rng, ctx: SuggestContext): ParamValues {
    const grid = this.grid(space);
    if (ctx.budget !== undefined && ctx.budget > grid.size) {
      throw new HyperspecError('spec', `grid searcher: the grid has ${grid.size} points but the study asks for ${ctx.budget} trials`, {
        hint: `set search.trials to at most ${grid.size}, or add points / values to the space`,
        location: { path: 'search.trials' },
      });
    }
    const used = new Set<number>();
    for (const t of trials) {
      const index = gridIndex(grid, t.params);
      if (index >= 0) used.add(index);
    }
    // At most trials.length points are taken, so the search ends within trials.length + 1 steps.
    for (let index = 0; index < grid.size; index++) {
      if (!used.has(index)) return gridPoint(grid, index);
    }
    throw new HyperspecError('spec', `grid searcher: all ${grid.size} grid points have been tried (${trials.length} trials exist)`, {
      hint: `the grid is exhausted: stop the study at ${grid.size} trials, or add points / values to the space`,
      location: { path: 'search.trials' },
    });
  }
}
