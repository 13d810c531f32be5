import type { ParamValues, Rng, SearchSpace, Searcher, SuggestContext, TrialRecord } from '@hyperspec/core';
import { checkSearchSpace, flattenSpace, fromUnit, isLegalValue, sampleRandomParams, sobolParams, toUnit, trialLosses, type ParamDef } from '@hyperspec/core/search';
import { splitConstraint } from './constraint-split.js';
import { improvementWeights } from './improvement-weights.js';
import { splitMultiObjective } from './multi-objective-split.js';
import { LOO_LATEST_BAD, labelLogLikelihood, looLogRatios, pairOrderShare, type BlockModel } from './model-choice.js';
import { ParzenEstimator, type ParzenSettings } from './parzen-estimator.js';
import { StackedDensity, type Density } from './stacked-density.js';
import { countObserved, goodCount, splitTrials } from './split-trials.js';

/** One density ratio of the acquisition: l(x) from the good trials, g(x) from the rest, and the good share γ. */
interface RatioTerm {
  l: Density;
  g: Density;
  gamma: number;
}

/** Bad trials the per-parameter model's g(x) is fitted to: the latest ones. */
const PER_PARAM_LATEST_BAD = LOO_LATEST_BAD;

/** A group modelled with joint kernels and per parameter, from one split (`fitBoth`). */
interface FittedModels {
  goodX: Float64Array[];
  badX: Float64Array[];
  gamma: number;
  joint: BlockModel[];
  perParam: BlockModel[];
}

/**
 * Candidates with each coordinate drawn from its own parameter's l(x) independently — draws of
 * univariate TPE's l(x), which recombine coordinates of different good trials.
 */
function productDraws(perParam: readonly BlockModel[], rng: Rng, count: number): Float64Array[] {
  const out = Array.from({ length: count }, () => new Float64Array(perParam.length));
  for (const { columns, l } of perParam) l.sample(rng, count).forEach((x, c) => (out[c][columns[0]] = x[0]));
  return out;
}

/**
 * Bayesian-bootstrap weights (D. B. Rubin, "The Bayesian Bootstrap", Annals of Statistics 9(1), 1981):
 * Exp(1) draws scaled to mean 1, i.e. a flat Dirichlet times n. Re-weighting the good trials at random
 * on every suggestion makes the choice a draw from the uncertainty of l(x) — bootstrapped Thompson
 * sampling (D. Eckles and M. Kaptein, "Thompson sampling with the online bootstrap", 2014; I. Osband and
 * B. Van Roy, "Bootstrapped Thompson Sampling and Deep Exploration", 2015) — so a study does not commit
 * to its single best basin as surely.
 */
function bayesianBootstrap(rng: Rng, n: number): Float64Array {
  const w = Float64Array.from({ length: n }, () => -Math.log(1 - rng.next()));
  const mean = w.reduce((a, b) => a + b, 0) / Math.max(1, n);
  return w.map((v) => v / mean);
}

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
   * Unit-cube encodings of trials by block, kept while the trial objects live: a storage that hands out
   * the same (frozen) record of a finished trial on every call is encoded once, not once per suggestion.
   * A trial's parameters never change, so this is a cache, not state: suggestions are the same without it.
   */
  private readonly encodings = new WeakMap<readonly ParamDef[], WeakMap<TrialRecord, Float64Array>>();
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
    if (countObserved(trials) < this.options.n_startup_trials) {
      // `startup: 'sobol'`: point number trials.length of an Owen-scrambled Sobol' sequence seeded by the
      // study (as random search's `sobol`), so the start-up design covers the space evenly.
      return this.options.startup === 'sobol' ? sobolParams(params, trials.length, ctx.seed ?? 0) : sampleRandomParams(params, rng);
    }
    const values: ParamValues = {};
    this.sampleGroup(root, trials, values, rng, ctx);
    return values;
  }

  private sampleGroup(group: ParamGroup, trials: readonly TrialRecord[], values: ParamValues, rng: Rng, ctx: SuggestContext): void {
    const o = this.options;
    // Trials where every parameter of the group has a legal value (a changed space drops old ones).
    const relevant = trials.filter((t) => group.params.every((p) => isLegalValue(p.distribution, t.params[p.name])));
    // Bayesian-bootstrap multipliers of the good kernels' weights (`bootstrap_weights`), one draw per group and suggestion.
    const boot = o.bootstrap_weights && (ctx.directions?.length ?? 1) === 1 ? bayesianBootstrap(rng, goodCount(countObserved(relevant), o.gamma, o.gamma_max)) : undefined;
    const both = o.multivariate && (o.model_choice !== 'multivariate' || o.crossover_candidates > 0 || o.stack_share > 0) ? this.fitBoth(group.params, relevant, ctx, boot) : undefined;
    const multivariate = both && o.model_choice !== 'multivariate' ? this.chooseMultivariate(both) : o.multivariate;
    if (both && multivariate) {
      const [{ l: jl, g: jg }] = both.joint;
      const s = o.stack_share;
      const l = s > 0 ? new StackedDensity(jl, both.perParam.map((b) => b.l), s) : jl;
      const g = s > 0 ? new StackedDensity(jg, both.perParam.map((b) => b.g), s) : jg;
      const crossovers = Math.round(o.crossover_candidates * o.n_ei_candidates);
      Object.assign(values, this.pickCandidate(group.params, [{ l, g, gamma: both.gamma }], rng, crossovers > 0 ? productDraws(both.perParam, rng, crossovers) : []));
    } else {
      const blocks = multivariate ? [group.params] : group.params.map((p) => this.singleton(p));
      for (const block of blocks) Object.assign(values, this.pickCandidate(block, this.ratioTerms(block, relevant, ctx, multivariate, boot), rng));
    }
    for (const [choice, options] of group.children) {
      const child = options.get(values[choice]);
      if (child) this.sampleGroup(child, trials.filter((t) => t.params[choice] === values[choice]), values, rng, ctx);
    }
  }

  /**
   * One objective, no constraints, at least two parameters: the group modelled both ways — joint
   * kernels (one block) and univariate TPE's per-parameter mixtures (one block per parameter) — from
   * the same split. Undefined otherwise, or with fewer than two good or bad trials.
   */
  private fitBoth(params: ParamDef[], trials: readonly TrialRecord[], ctx: SuggestContext, boot?: Float64Array): FittedModels | undefined {
    const o = this.options;
    if (params.length < 2 || (ctx.directions?.length ?? 1) > 1 || trials.some((t) => (t.constraints?.length ?? 0) > 0)) return undefined;
    const { good, bad, nGood, n } = this.split(trials, ctx);
    if (good.length < 2 || bad.length < 2) return undefined;
    const encode = this.encoder(params);
    const goodX = good.map(encode);
    const badX = bad.map(encode);
    const weights = this.goodWeights(good, bad, ctx, boot);
    // The per-parameter g(x) is fitted to the latest PER_PARAM_LATEST_BAD bad trials only, which bounds its
    // cost in long studies (older ones are ramped down in g(x) anyway); a 50-trial study keeps them all.
    const model = (columns: number[][], multivariate: boolean, badOffset: number): BlockModel[] =>
      columns.map((cols) => {
        const block = cols.length === params.length ? params : cols.map((j) => params[j]);
        const settings = this.parzenSettings(ctx, multivariate);
        const pick = (x: Float64Array) => (cols.length === x.length ? x : Float64Array.from(cols, (j) => x[j]));
        return { columns: cols, badOffset, l: new ParzenEstimator(block, goodX.map(pick), settings, weights), g: new ParzenEstimator(block, badX.slice(badOffset).map(pick), settings) };
      });
    const joint = params.map((_, j) => j);
    const perParam = model(joint.map((j) => [j]), false, Math.max(0, badX.length - PER_PARAM_LATEST_BAD));
    return { goodX, badX, gamma: nGood / Math.max(1, n), joint: model([joint], true, 0), perParam };
  }

  /**
   * `model_choice`: joint kernels unless the per-parameter model classifies the observed trials as good
   * or bad better in leave-one-out (`looLogRatios`) — by label likelihood ('loo') or by the share of
   * (good, bad) pairs it orders right ('loo_order') — by more than `model_choice_margin`.
   */
  private chooseMultivariate(m: FittedModels): boolean {
    const o = this.options;
    const criterion = (ratios: { good: number[]; bad: number[] }): number => (o.model_choice === 'loo_order' ? pairOrderShare(ratios) : labelLogLikelihood(ratios, m.gamma));
    const joint = criterion(looLogRatios(m.joint, m.goodX, m.badX));
    const perParam = criterion(looLogRatios(m.perParam, m.goodX, m.badX));
    return perParam <= joint + o.model_choice_margin;
  }

  /** One objective: the good kernels' weights — improvement or equal, times the bootstrap multipliers if any. */
  private goodWeights(good: TrialRecord[], bad: TrialRecord[], ctx: SuggestContext, boot?: Float64Array): Float64Array | undefined {
    const w = this.options.good_weights === 'improvement' ? improvementWeights(good, bad, ctx.direction) : undefined;
    if (!boot || good.length < 2) return w;
    return Float64Array.from(good, (_, i) => (w ? w[i] : 1) * boot[i]);
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

  private encoder(block: ParamDef[]): (t: TrialRecord) => Float64Array {
    let cache = this.encodings.get(block);
    if (!cache) this.encodings.set(block, (cache = new WeakMap()));
    return (t: TrialRecord): Float64Array => {
      let x = cache!.get(t);
      if (!x) {
        x = Float64Array.from(block, (p) => (p.distribution.type === 'choice' ? t.params[p.name] : toUnit(p.distribution, t.params[p.name])));
        cache!.set(t, x);
      }
      return x;
    };
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
  private ratioTerms(block: ParamDef[], trials: readonly TrialRecord[], ctx: SuggestContext, multivariate: boolean, boot?: Float64Array): RatioTerm[] {
    const o = this.options;
    const encode = this.encoder(block);
    const directions = ctx.directions ?? [ctx.direction];
    const settings = this.parzenSettings(ctx, multivariate);
    const term = (good: TrialRecord[], bad: TrialRecord[], gamma: number, goodWeights?: Float64Array): RatioTerm => ({
      l: new ParzenEstimator(block, good.map(encode), settings, goodWeights),
      g: new ParzenEstimator(block, bad.map(encode), settings),
      gamma,
    });
    const terms: RatioTerm[] = [];
    if (directions.length > 1) {
      const n = trials.filter((t) => trialLosses(t, directions)).length;
      const { good, goodWeights, bad } = splitMultiObjective(trials, goodCount(n, o.gamma, o.gamma_max), directions, o.constant_liar);
      terms.push(term(good, bad, good.length / Math.max(1, n), goodWeights));
    } else {
      const { good, bad, nGood, n } = this.split(trials, ctx);
      terms.push(term(good, bad, nGood / Math.max(1, n), this.goodWeights(good, bad, ctx, boot)));
    }
    const constraints = trials.reduce((m, t) => Math.max(m, t.constraints?.length ?? 0), 0);
    for (let k = 0; k < constraints; k++) {
      const split = splitConstraint(trials, k, o.gamma, o.constant_liar);
      if (split) terms.push(term(split.good, split.bad, split.gamma));
    }
    return terms;
  }

  /** Draws `n_ei_candidates` from every term's l(x) and returns the one the acquisition scores highest. */
  private pickCandidate(block: ParamDef[], terms: RatioTerm[], rng: Rng, extra: Float64Array[] = []): ParamValues {
    const o = this.options;
    const score = (x: Float64Array): number => {
      if (terms.length === 1) return terms[0].l.logPdf(x) - terms[0].g.logPdf(x);
      let total = 0;
      for (const { l, g, gamma } of terms) total -= logAddExp(Math.log(gamma), Math.log1p(-gamma) + g.logPdf(x) - l.logPdf(x));
      return total;
    };
    let best: Float64Array | undefined;
    let bestScore = -Infinity;
    const sources = terms.map(({ l }, i) => (i === 0 ? [...l.sample(rng, o.n_ei_candidates - extra.length), ...extra] : l.sample(rng, o.n_ei_candidates)));
    for (const candidates of sources) {
      for (const x of candidates) {
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
