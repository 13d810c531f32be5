import type { ParamValues, Rng, SearchSpace, Searcher, SuggestContext, TrialRecord } from '@hyperspec/core';
import { checkSearchSpace, flattenSpace, fromUnit, isLegalValue, sampleRandomParams, toUnit, trialLosses, type ParamDef } from '@hyperspec/core/search';
import { splitConstraint } from './constraint-split.js';
import { improvementWeights } from './improvement-weights.js';
import { splitMultiObjective } from './multi-objective-split.js';
import { ParzenEstimator, type ParzenSettings } from './parzen-estimator.js';
import { StackedDensity, type Density } from './stacked-density.js';
import { countObserved, goodCount, splitTrials } from './split-trials.js';

/** One density ratio of the acquisition: l(x) from the good trials, g(x) from the rest, and the good share γ. */
interface RatioTerm {
  l: Density;
  g: Density;
  gamma: number;
}

/**
 * Bad trials the per-parameter g(x) of `stack_share_g` is fitted to: the latest ones, which bounds its cost
 * in long studies (older trials are ramped down in g(x) anyway); a 50-trial study keeps them all.
 */
const PER_PARAM_LATEST_BAD = 50;

/** log(e^a + e^b) without overflow. */
function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
import { TPE_DEFAULTS, type TpeOptions } from './tpe-options.js';

/**
 * The parameters that exist together: the top level of a (sub)space, sampled jointly, plus the groups
 * under each option of its choices. A conditional space is a tree of groups; a group is modelled
 * only from the trials in which it was active (Optuna's "group" decomposition, here read off the tree).
 */
interface ParamGroup {
  params: ParamDef[];
  /** Child groups by `<choice name>` and option index. */
  children: Map<string, Map<number, ParamGroup>>;
}

function buildGroups(all: readonly ParamDef[]): ParamGroup {
  const root: ParamGroup = { params: [], children: new Map() };
  const byCondition = new Map<string, ParamGroup>();
  for (const def of all) {
    let group = root;
    if (def.condition) {
      const key = `${def.condition.parent}\u0000${def.condition.option}`;
      let g = byCondition.get(key);
      if (!g) {
        g = { params: [], children: new Map() };
        byCondition.set(key, g);
        // The parent is already placed: flattenSpace lists parents before children.
        const parentGroup = [root, ...byCondition.values()].find((x) => x.params.some((p) => p.name === def.condition!.parent))!;
        let options = parentGroup.children.get(def.condition.parent);
        if (!options) parentGroup.children.set(def.condition.parent, (options = new Map()));
        options.set(def.condition.option, g);
      }
      group = g;
    }
    group.params.push(def);
  }
  return root;
}

/**
 * Tree-structured Parzen estimator. After `n_startup_trials` random trials, the trials in which a
 * group of parameters was active are split into the best ceil(gamma·n) and the rest; a Parzen
 * mixture l(x) is fitted to the first and g(x) to the second; `n_ei_candidates` points drawn from
 * l(x) are scored by l(x)/g(x) (which orders them as expected improvement does, Bergstra et al.
 * 2011) and the best is suggested. Groups under a chosen option are sampled next, from the trials
 * that chose it. Stateless: everything comes from `trials` and `rng`.
 *
 * Several objectives (`ctx.directions`): the good group is chosen by Pareto fronts and hypervolume
 * (MOTPE, see `splitMultiObjective`). Constraints (trials' `constraints`): every constraint adds a
 * ratio of its own, good = feasible for it (c-TPE, see `splitConstraint`), and candidates — drawn from
 * every term's l(x) — are scored by Σ −log(γ + (1 − γ)·g(x)/l(x)) over the terms (Watanabe & Hutter
 * 2023, eq. 6), which with a single term orders candidates as l/g does.
 */
export class TpeSearcher implements Searcher {
  readonly multiObjective = true;
  private readonly options: TpeOptions;
  private cached?: { space: SearchSpace; params: ParamDef[]; root: ParamGroup };
  /**
   * Unit-cube encodings of trials by block — null for a trial in which a parameter of the block has no
   * legal value (a changed space) — kept while the trial objects live: a storage that hands out the same
   * (frozen) record of a finished trial on every call is checked and encoded once, not once per
   * suggestion (SQLite and PostgreSQL do). Both depend only on the trial's parameters, which never change,
   * and on the block, which belongs to one space (`structure`): a cache, not state — suggestions are the
   * same without it.
   */
  private readonly encodings = new WeakMap<readonly ParamDef[], WeakMap<TrialRecord, Float64Array | null>>();
  private readonly singletons = new WeakMap<ParamDef, ParamDef[]>();

  constructor(options: Partial<TpeOptions> = {}) {
    this.options = { ...TPE_DEFAULTS, ...options };
  }

  private structure(space: SearchSpace): { params: ParamDef[]; root: ParamGroup } {
    if (this.cached?.space !== space) {
      checkSearchSpace(space, 'tpe searcher');
      const params = flattenSpace(space);
      this.cached = { space, params, root: buildGroups(params) };
    }
    return this.cached;
  }

  /** Called once per new trial with every trial so far (running ones count as bad with constant_liar). */
  suggest(space: SearchSpace, trials: readonly TrialRecord[], rng: Rng, ctx: SuggestContext): ParamValues {
    const { params, root } = this.structure(space);
    if (countObserved(trials) < this.options.n_startup_trials) return sampleRandomParams(params, rng);
    const values: ParamValues = {};
    this.sampleGroup(root, trials, values, rng, ctx);
    return values;
  }

  private sampleGroup(group: ParamGroup, trials: readonly TrialRecord[], values: ParamValues, rng: Rng, ctx: SuggestContext): void {
    const o = this.options;
    // Trials where every parameter of the group has a legal value (a changed space drops old ones).
    const row = this.encoder(group.params);
    const relevant = trials.filter((t) => row(t) !== null);
    const blocks = o.multivariate ? [group.params] : group.params.map((p) => this.singleton(p));
    for (const block of blocks) Object.assign(values, this.pickCandidate(block, this.ratioTerms(block, relevant, ctx, o.multivariate), rng));
    for (const [choice, options] of group.children) {
      const child = options.get(values[choice]);
      if (child) this.sampleGroup(child, trials.filter((t) => t.params[choice] === values[choice]), values, rng, ctx);
    }
  }

  /**
   * `stack_share_l` / `stack_share_g` (one objective, no constraints, multivariate, at least two
   * parameters, two good and two bad trials): the objective's joint l(x) and/or g(x) stacked with the
   * product of univariate TPE's per-parameter mixtures of the same split (`StackedDensity`); g(x)'s from
   * its latest bad trials. Otherwise the joint kernels alone.
   */
  private stacked(term: RatioTerm & { l: ParzenEstimator; g: ParzenEstimator }, block: ParamDef[], good: TrialRecord[], bad: TrialRecord[], weights: Float64Array | undefined, ctx: SuggestContext): RatioTerm {
    const o = this.options;
    if ((o.stack_share_l <= 0 && o.stack_share_g <= 0) || block.length < 2 || good.length < 2 || bad.length < 2) return term;
    const univariate = this.parzenSettings(ctx, false);
    const column = (xs: Float64Array[], j: number) => xs.map((x) => Float64Array.of(x[j]));
    const stack = (density: ParzenEstimator, xs: Float64Array[], share: number, w?: Float64Array): Density =>
      share > 0 ? new StackedDensity(density, block.map((p, j) => new ParzenEstimator([p], column(xs, j), univariate, w)), share) : density;
    const badX = this.encode(block, bad);
    return {
      l: stack(term.l, this.encode(block, good), o.stack_share_l, weights),
      g: stack(term.g, badX.slice(Math.max(0, badX.length - PER_PARAM_LATEST_BAD)), o.stack_share_g),
      gamma: term.gamma,
    };
  }

  /** One objective: the good kernels' weights — by improvement, or equal (undefined). */
  private goodWeights(good: TrialRecord[], bad: TrialRecord[], ctx: SuggestContext): Float64Array | undefined {
    return this.options.good_weights === 'improvement' ? improvementWeights(good, bad, ctx.direction) : undefined;
  }

  private split(trials: readonly TrialRecord[], ctx: SuggestContext): { good: TrialRecord[]; bad: TrialRecord[]; nGood: number; n: number } {
    const o = this.options;
    const n = countObserved(trials);
    const nGood = goodCount(n, o.gamma, o.gamma_max);
    return { ...splitTrials(trials, nGood, ctx.direction, o.constant_liar), nGood, n };
  }

  /** The one-parameter block of univariate mode, the same array every time so its encodings are cached. */
  private singleton(p: ParamDef): ParamDef[] {
    let block = this.singletons.get(p);
    if (!block) this.singletons.set(p, (block = [p]));
    return block;
  }

  /** A trial's encoding over `block`, or null when one of the block's parameters has no legal value in it. */
  private encoder(block: ParamDef[]): (t: TrialRecord) => Float64Array | null {
    let cache = this.encodings.get(block);
    if (!cache) this.encodings.set(block, (cache = new WeakMap()));
    const known = cache;
    return (t: TrialRecord): Float64Array | null => {
      let x = known.get(t);
      if (x === undefined) {
        x = new Float64Array(block.length);
        for (let j = 0; j < block.length; j++) {
          const d = block[j].distribution;
          const v = t.params[block[j].name];
          if (!isLegalValue(d, v)) {
            x = null;
            break;
          }
          x[j] = d.type === 'choice' ? v : toUnit(d, v);
        }
        known.set(t, x);
      }
      return x;
    };
  }

  /** The encodings of `trials`, every one legal in `block` (they passed `sampleGroup`'s filter). */
  private encode(block: ParamDef[], trials: readonly TrialRecord[]): Float64Array[] {
    const row = this.encoder(block);
    return trials.map((t) => row(t)!);
  }

  private parzenSettings(ctx: SuggestContext, multivariate: boolean): ParzenSettings {
    const o = this.options;
    return {
      priorWeight: o.prior_weight,
      magicClip: o.magic_clip,
      endpoints: o.endpoints,
      multivariate,
      bandwidthFactor: o.bandwidth_factor,
      minBandwidth: o.min_bandwidth,
      // Chosen on single-objective problems; MOTPE keeps one width per mixture (docs/search.md).
      adaptiveBandwidth: (ctx.directions?.length ?? 1) > 1 ? 0 : o.adaptive_bandwidth,
    };
  }

  /** The density ratios of the acquisition for one block: the objective's, plus one per constraint (c-TPE). */
  private ratioTerms(block: ParamDef[], trials: readonly TrialRecord[], ctx: SuggestContext, multivariate: boolean): RatioTerm[] {
    const o = this.options;
    const directions = ctx.directions ?? [ctx.direction];
    const settings = this.parzenSettings(ctx, multivariate);
    const term = (good: TrialRecord[], bad: TrialRecord[], gamma: number, goodWeights?: Float64Array) => ({
      l: new ParzenEstimator(block, this.encode(block, good), settings, goodWeights),
      g: new ParzenEstimator(block, this.encode(block, bad), settings),
      gamma,
    });
    const terms: RatioTerm[] = [];
    const constraints = trials.reduce((m, t) => Math.max(m, t.constraints?.length ?? 0), 0);
    if (directions.length > 1) {
      const n = trials.filter((t) => trialLosses(t, directions)).length;
      const { good, goodWeights, bad } = splitMultiObjective(trials, goodCount(n, o.gamma, o.gamma_max), directions, o.constant_liar);
      terms.push(term(good, bad, good.length / Math.max(1, n), goodWeights));
    } else {
      const { good, bad, nGood, n } = this.split(trials, ctx);
      const weights = this.goodWeights(good, bad, ctx);
      const objective = term(good, bad, nGood / Math.max(1, n), weights);
      terms.push(multivariate && constraints === 0 ? this.stacked(objective, block, good, bad, weights, ctx) : objective);
    }
    for (let k = 0; k < constraints; k++) {
      const split = splitConstraint(trials, k, o.gamma, o.constant_liar);
      if (split) terms.push(term(split.good, split.bad, split.gamma));
    }
    return terms;
  }

  /** Draws `n_ei_candidates` from every term's l(x) and returns the one the acquisition scores highest. */
  private pickCandidate(block: ParamDef[], terms: RatioTerm[], rng: Rng): ParamValues {
    const o = this.options;
    const score = (x: Float64Array): number => {
      if (terms.length === 1) return terms[0].l.logPdf(x) - terms[0].g.logPdf(x);
      let total = 0;
      for (const { l, g, gamma } of terms) total -= logAddExp(Math.log(gamma), Math.log1p(-gamma) + g.logPdf(x) - l.logPdf(x));
      return total;
    };
    let best: Float64Array | undefined;
    let bestScore = -Infinity;
    for (const { l } of terms) {
      for (const x of l.sample(rng, o.n_ei_candidates)) {
        const value = score(x);
        if (best === undefined || value > bestScore) {
          best = x;
          bestScore = value;
        }
      }
    }
    const out: ParamValues = {};
    block.forEach((p, j) => {
      const d = p.distribution;
      out[p.name] = d.type === 'choice' ? best![j] : fromUnit(d, best![j]);
    });
    return out;
  }
}
