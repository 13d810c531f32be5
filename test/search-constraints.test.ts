import { describe, expect, it } from 'vitest';
import { Rng, type Searcher, type TrialRecord } from '@hyperspec/core';
import { hash32 } from '@hyperspec/core/search';
import { BayesSearcher } from '@hyperspec/searcher-bayes';
import { Nsga2Searcher } from '@hyperspec/searcher-nsga2';
import { RandomSearcher } from '@hyperspec/searcher-random';
import { TpeSearcher } from '@hyperspec/searcher-tpe';

const space = { x: { type: 'uniform' as const, low: 0, high: 1 }, y: { type: 'uniform' as const, low: 0, high: 1 }, z: { type: 'uniform' as const, low: 0, high: 1 } };

/**
 * Only a disc of radius 0.2 around (0.25, 0.25) in (x, y) is feasible: about 12.6 % of the space. The
 * constraint value is the distance beyond the disc. The objective depends on z alone, so nothing but
 * the constraint tells a searcher where the feasible trials are. (With an objective pulling out of the
 * disc, a good constrained searcher converges onto the disc's edge, where about half its trials fall
 * just outside: that measures the optimum's position, not whether the searcher favours feasibility.)
 */
function evaluate(p: Record<string, number>): { value: number; constraints: number[] } {
  const value = (p.z - 0.5) ** 2;
  return { value, constraints: [Math.hypot(p.x - 0.25, p.y - 0.25) - 0.2] };
}

/** The share of feasible trials among the second half of a `trials`-long study. */
function lateFeasibleShare(searcher: Searcher, seed: number, trials: number): number {
  const history: TrialRecord[] = [];
  for (let i = 0; i < trials; i++) {
    const params = searcher.suggest(space, history, new Rng(hash32(seed * 7919 + i)), { direction: 'minimize', seed });
    history.push({ number: i, state: 'complete', params, intermediate: {}, ...evaluate(params) });
  }
  const late = history.slice(trials / 2);
  return late.filter((t) => t.constraints![0] <= 0).length / late.length;
}

const mean = (f: (seed: number) => number, seeds: number) => Array.from({ length: seeds }, (_, s) => f(s)).reduce((a, b) => a + b, 0) / seeds;

describe('constrained search: a large infeasible region', () => {
  const random = mean((s) => lateFeasibleShare(new RandomSearcher(), s, 40), 4);

  it('random search lands in the feasible disc about as often as its area says', () => {
    expect(random).toBeLessThan(0.3);
  });

  it('tpe (c-TPE) keeps most of the second half feasible: well above random search', () => {
    const share = mean((s) => lateFeasibleShare(new TpeSearcher(), s, 40), 4);
    expect(share).toBeGreaterThan(random + 0.3);
  });

  it('nsga2 (constrained domination) breeds mostly feasible children: well above random search', () => {
    expect(mean((s) => lateFeasibleShare(new Nsga2Searcher({ population_size: 8 }), s, 40), 4)).toBeGreaterThan(random + 0.3);
  });

  it('bayes (EI × probability of feasibility) keeps most of the second half feasible: well above random search', () => {
    expect(mean((s) => lateFeasibleShare(new BayesSearcher(), s, 30), 2)).toBeGreaterThan(random + 0.3);
  });
});
