import type { Direction, ParamValues, Rng, SearchSpace, Searcher, SuggestContext, TrialRecord } from '@hyperspec/core';
import { checkSearchSpace, constraintViolation, crowdingDistance, flattenSpace, fromUnit, isLegalValue, nonDominatedSort, sobolParams, toUnit, trialLosses, type ParamDef } from '@hyperspec/core/search';
import { NSGA2_DEFAULTS, type Nsga2Options } from './nsga2-options.js';
import { polynomialMutation, sbx } from './variation.js';

/** A parent candidate: its trial, non-domination rank and crowding distance within its front. */
interface Ranked {
  trial: TrialRecord;
  rank: number;
  crowding: number;
}

/**
 * The parents of a generation: of every complete trial of earlier generations, the best `size` by
 * constrained non-dominated sorting, the last front that fits cut by crowding distance (the elitist
 * survivor selection of Deb et al. 2002, §III-C, applied to the whole archive so the searcher keeps no
 * state between calls).
 */
export function selectParents(trials: readonly TrialRecord[], directions: readonly Direction[], size: number): Ranked[] {
  const scored = trials.flatMap((t) => {
    const losses = trialLosses(t, directions);
    return losses ? [{ t, losses, violation: constraintViolation(t.constraints) }] : [];
  });
  const fronts = nonDominatedSort(scored.map((s) => s.losses), scored.map((s) => s.violation));
  const out: Ranked[] = [];
  fronts.forEach((front, rank) => {
    if (out.length >= size) return;
    const distance = crowdingDistance(front.map((i) => scored[i].losses));
    const members = front.map((i, k) => ({ trial: scored[i].t, rank, crowding: distance[k] }));
    if (out.length + members.length > size) members.sort((a, b) => b.crowding - a.crowding || a.trial.number - b.trial.number);
    out.push(...members.slice(0, size - out.length));
  });
  return out;
}

/** Binary tournament with the crowded comparison: the lower rank wins, then the larger crowding distance. */
function tournament(parents: readonly Ranked[], rng: Rng): Ranked {
  const a = parents[rng.int(parents.length)];
  const b = parents[rng.int(parents.length)];
  if (a.rank !== b.rank) return a.rank < b.rank ? a : b;
  if (a.crowding !== b.crowding) return a.crowding > b.crowding ? a : b;
  return rng.next() < 0.5 ? a : b;
}

/**
 * NSGA-II (K. Deb, A. Pratap, S. Agarwal and T. Meyarivan, "A Fast and Elitist Multiobjective Genetic
 * Algorithm: NSGA-II", IEEE TEC 6(2), 2002). Trial n belongs to generation ⌊n / population_size⌋. The
 * first generation is a scrambled Sobol' design; a child of a later generation gets two parents by
 * binary tournament (crowded comparison) from `selectParents`, simulated binary crossover on numeric
 * parameters in the unit cube (uniform crossover on choices) and polynomial mutation (a choice mutates to
 * a random option). Constraints use constrained domination (§VI): feasible trials first, infeasible ones
 * by total violation. With one objective it is an elitist genetic algorithm. Stateless: everything
 * comes from `trials`, `rng` and `ctx`.
 */
export class Nsga2Searcher implements Searcher {
  readonly multiObjective = true;
  private readonly options: Nsga2Options;
  private cached?: { space: SearchSpace; params: ParamDef[] };

  constructor(options: Partial<Nsga2Options> = {}) {
    this.options = { ...NSGA2_DEFAULTS, ...options };
  }

  private paramsOf(space: SearchSpace): ParamDef[] {
    if (this.cached?.space !== space) {
      checkSearchSpace(space, 'nsga2 searcher');
      this.cached = { space, params: flattenSpace(space) };
    }
    return this.cached.params;
  }

  /** Called once per new trial with every trial so far. */
  suggest(space: SearchSpace, trials: readonly TrialRecord[], rng: Rng, ctx: SuggestContext): ParamValues {
    const params = this.paramsOf(space);
    const o = this.options;
    const generation = Math.floor(trials.length / o.population_size);
    const legal = (t: TrialRecord) => Object.entries(t.params).every(([name, v]) => {
      const def = params.find((p) => p.name === name);
      return def !== undefined && isLegalValue(def.distribution, v);
    });
    const earlier = trials.filter((t) => t.number < generation * o.population_size && legal(t));
    const parents = generation === 0 ? [] : selectParents(earlier, ctx.directions ?? [ctx.direction], o.population_size);
    if (parents.length < 2) return sobolParams(params, trials.length, ctx.seed ?? 0);
    const p1 = tournament(parents, rng).trial.params;
    const p2 = tournament(parents, rng).trial.params;
    const cross = rng.next() < o.crossover_prob;
    const mutation = o.mutation_prob === 'auto' ? 1 / params.length : o.mutation_prob;
    const child: ParamValues = {};
    for (const def of params) {
      // A conditional parameter exists only while its option is chosen; a parent without it lends a random value.
      if (def.condition && child[def.condition.parent] !== def.condition.option) continue;
      const d = def.distribution;
      const random = () => (d.type === 'choice' ? rng.int(d.values.length) : fromUnit(d, rng.next()));
      const a = def.name in p1 ? p1[def.name] : random();
      const b = def.name in p2 ? p2[def.name] : a;
      if (d.type === 'choice') {
        let v = cross && rng.next() < 0.5 ? b : a;
        if (rng.next() < mutation) v = rng.int(d.values.length);
        child[def.name] = v;
        continue;
      }
      let u = toUnit(d, a);
      // Each variable crosses with probability ½, as in Deb's implementation.
      if (cross && rng.next() < 0.5) u = sbx(u, toUnit(d, b), o.eta_crossover, rng)[0];
      if (rng.next() < mutation) u = polynomialMutation(u, o.eta_mutation, rng);
      child[def.name] = fromUnit(d, u);
    }
    // A child identical to a parent would spend a trial on a known point: mutate one parameter.
    const same = (p: ParamValues) => Object.keys(child).every((k) => child[k] === p[k]) && Object.keys(p).length === Object.keys(child).length;
    // (A numeric one: a changed choice would change which conditional parameters exist.)
    const numeric = params.filter((def) => def.name in child && def.distribution.type !== 'choice');
    if (numeric.length > 0 && (same(p1) || same(p2))) {
      const def = numeric[rng.int(numeric.length)];
      child[def.name] = fromUnit(def.distribution, polynomialMutation(toUnit(def.distribution, child[def.name]), o.eta_mutation, rng));
    }
    return child;
  }
}
