import type { Direction, ParamValues, Rng, SearchSpace, Searcher, SuggestContext, TrialRecord } from '@hyperspec/core';
import { FeatureLayout, checkSearchSpace, constraintViolation, flattenSpace, isLegalValue, observedTrials, sobolParams, trialLosses, type ObservedTrial, type ParamDef } from '@hyperspec/core/search';
import { AcquisitionOptimizer } from './acquisition-optimizer.js';
import { ConstraintModel } from './constraint-model.js';
import { augmentedChebyshev, simplexWeights } from './parego.js';
import { BAYES_DEFAULTS, type BayesOptions } from './bayes-options.js';
import { GaussianProcess } from './gaussian-process.js';
import { fitHyperparameters, type GpHyperparameters } from './gp-hyperparameters.js';
import { transformOutputs } from './output-transform.js';
import { trustRegionBox, trustRegionLength, type Box } from './trust-region.js';
import { PLUG_IN_FROM_PARAMETERS, lowestPosteriorMean } from './plug-in-incumbent.js';

/**
 * Default start-up length: max(5, 2·parameters), at most 10. The cap was 20; with 50-trial budgets
 * in 10 dimensions that left only 30 model-guided trials, and 10 measured better on the development
 * and tuning sets (docs/search.md).
 */
export function defaultInitialTrials(parameters: number): number {
  return Math.min(10, Math.max(5, 2 * parameters));
}

/**
 * Inside the trust region, half the screened points move only some coordinates of the incumbent,
 * each numeric one with probability min(1, 3/d) — about three, at least one — and keep the rest.
 * TuRBO's implementation (Eriksson et al. 2019) and DYCORS (R. G. Regis and C. A. Shoemaker,
 * "Combining radial basis function surrogates and dynamic coordinate search in high-dimensional
 * expensive black-box optimization", Engineering Optimization 45(5), 2013) perturb a random subset of
 * coordinates the same way, with probability min(20/d, 1), so only above 20 dimensions; three
 * coordinates and half the screen were chosen on the development and tuning sets with 50-trial
 * budgets (docs/search.md): in 5–10 dimensions a point that moves every coordinate at once rarely
 * keeps what the incumbent got right. With three parameters or fewer this changes nothing.
 */
export const SCREEN_MASK = { coordinates: 3, share: 0.5 };

/**
 * Indices of the points used to fit hyperparameters when there are more than `max`: the best half
 * of the budget by loss, plus an even spread over the rest (trial order), so the fit sees both the
 * region being refined and the global trend, at a bounded O(max³) cost per likelihood evaluation.
 */
export function fitSubset(losses: Float64Array, max: number): number[] {
  const n = losses.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => losses[a] - losses[b]);
  const chosen = new Set(order.slice(0, Math.floor(max / 2)));
  const rest = Array.from({ length: n }, (_, i) => i).filter((i) => !chosen.has(i));
  const need = max - chosen.size;
  for (let k = 0; k < need; k++) chosen.add(rest[Math.floor((k * rest.length) / need)]);
  return [...chosen].sort((a, b) => a - b);
}

/**
 * Gaussian-process Bayesian optimisation (Snoek, Larochelle & Adams, "Practical Bayesian Optimization
 * of Machine Learning Algorithms", NeurIPS 2012): a Matérn-5/2 ARD GP on the unit-cube encoding of
 * the space (one-hot choices), hyperparameters by maximum a posteriori, log expected improvement
 * (Ament et al. 2023) maximised by screen + local search. The first `n_initial` trials follow a
 * scrambled Sobol' sequence indexed by the trial count. Running trials enter as fantasies so parallel
 * workers do not propose the same point. With one objective and no constraints, log EI is maximised
 * inside a trust region around the best trial (TuRBO-1, Eriksson et al. 2019; trust-region.ts) whose
 * side grows on successes and shrinks on failures; from 8 parameters on, EI's incumbent is then the
 * lowest posterior mean at the trials (plug-in-incumbent.ts). Stateless: everything comes from
 * `trials`, `rng` and `ctx`.
 *
 * Several objectives: ParEGO (Knowles 2006) — each suggestion scalarises the normalised objectives
 * with a fresh random weight vector (augmented Chebyshev) and maximises EI of that scalar. Constraints:
 * one GP per constraint, and EI is multiplied by the probability that every constraint holds (Gardner et
 * al. 2014), the incumbent being the best feasible trial; before any trial is feasible, the probability
 * of feasibility alone is maximised.
 */
export class BayesSearcher implements Searcher {
  readonly multiObjective = true;
  private readonly options: BayesOptions;
  private cached?: { space: SearchSpace; params: ParamDef[]; layout: FeatureLayout };

  constructor(options: Partial<BayesOptions> = {}) {
    this.options = { ...BAYES_DEFAULTS, ...options };
  }

  private structure(space: SearchSpace): { params: ParamDef[]; layout: FeatureLayout } {
    if (this.cached?.space !== space) {
      checkSearchSpace(space, 'bayes searcher');
      const params = flattenSpace(space);
      this.cached = { space, params, layout: new FeatureLayout(params) };
    }
    return this.cached;
  }

  /** Called once per new trial with every trial so far, running ones included. */
  suggest(space: SearchSpace, trials: readonly TrialRecord[], rng: Rng, ctx: SuggestContext): ParamValues {
    const { params, layout } = this.structure(space);
    const o = this.options;
    const nInitial = o.n_initial === 'auto' ? defaultInitialTrials(params.length) : o.n_initial;
    const legal = (t: TrialRecord) => Object.entries(t.params).every(([name, v]) => {
      const def = params.find((p) => p.name === name);
      return def !== undefined && isLegalValue(def.distribution, v);
    });
    const directions = ctx.directions ?? [ctx.direction];
    const observed = this.observe(trials, directions, rng).filter((ob) => legal(ob.trial));
    const sobolFallback = () => sobolParams(params, trials.length, ctx.seed ?? 0);
    if (trials.length < nInitial || observed.length < 2) return sobolFallback();

    // Failed trials count as the worst loss seen, so the model steers away from where they failed.
    const failed = trials.filter((t) => t.state === 'failed' && legal(t));
    const n = observed.length + failed.length;
    const d = layout.width;
    const x = new Float64Array(n * d);
    const losses = new Float64Array(n);
    let worst = -Infinity;
    observed.forEach((ob, i) => {
      layout.encode(ob.trial.params, x.subarray(i * d, (i + 1) * d));
      losses[i] = ob.loss;
      worst = Math.max(worst, ob.loss);
    });
    failed.forEach((t, k) => {
      const i = observed.length + k;
      layout.encode(t.params, x.subarray(i * d, (i + 1) * d));
      losses[i] = worst;
    });
    const subset = fitSubset(losses, o.fit_max_points);
    const xs = new Float64Array(subset.length * d);
    subset.forEach((i, k) => xs.set(x.subarray(i * d, (i + 1) * d), k * d));
    // Restarts matter most with little data; with much data one start at the prior centre suffices and keeps the fit fast.
    const restarts = subset.length > 80 ? 0 : o.fit_restarts;
    // 'auto' fits the plain and the power-warped model and keeps the one under which the losses
    // themselves are more likely (log posterior of the targets plus the log Jacobian of the warp).
    // Input warping (input-warping.ts) for the objective's model: every numeric column; one-hot choices stay as they are.
    const warpColumns = o.input_warping ? layout.columns.filter((c) => c.def.distribution.type !== 'choice').map((c) => c.offset) : [];
    const kinds = o.output_transform === 'auto' ? (['none', 'power'] as const) : ([o.output_transform] as const);
    let chosen: { y: Float64Array; hyper: GpHyperparameters; score: number } | undefined;
    let previous: Float64Array | undefined;
    for (const kind of kinds) {
      const t = transformOutputs(losses, kind);
      // A power warp with λ = 1 is the plain model again: no need to fit it twice.
      if (previous && t.values.every((v, i) => Math.abs(v - previous![i]) < 1e-12)) continue;
      previous = t.values;
      const ys = Float64Array.from(subset, (i) => t.values[i]);
      const hyper = fitHyperparameters(xs, ys, subset.length, d, rng, { restarts, maxIterations: 50, lengthscalePrior: o.lengthscale_prior, warpColumns });
      let logJacobian = 0;
      for (const i of subset) logJacobian += t.logJacobian[i];
      const score = -hyper.negLogPosterior + logJacobian;
      if (!chosen || score > chosen.score) chosen = { y: t.values, hyper, score };
    }
    const { y, hyper } = chosen!;
    let gp = new GaussianProcess(x, y, d, hyper);

    // The incumbent: the best complete trial — the best feasible one in a constrained study (none yet: EI is left out).
    const constrained = observed.some((ob) => ob.trial.constraints !== undefined);
    const feasible = (i: number) => !constrained || constraintViolation(observed[i].trial.constraints) === 0;
    let best = Infinity;
    for (let i = 0; i < observed.length; i++) if (!observed[i].pruned && feasible(i)) best = Math.min(best, y[i]);
    if (best === Infinity && !constrained) for (let i = 0; i < observed.length; i++) best = Math.min(best, y[i]);
    const constraintModels = constrained ? this.constraintModels(observed, layout, rng, restarts) : [];

    const running = trials.filter((t) => t.state === 'running' && legal(t));
    if (running.length > 0) {
      const xr = new Float64Array(running.length * d);
      const yr = new Float64Array(running.length);
      let worstY = -Infinity;
      for (const v of y) worstY = Math.max(worstY, v);
      running.forEach((t, k) => {
        layout.encode(t.params, xr.subarray(k * d, (k + 1) * d));
        yr[k] = o.running_trials === 'constant_liar' ? worstY : gp.predict(xr, k)[0];
      });
      gp = gp.withData(xr, yr);
    }

    const taken = trials.filter(legal).map((t) => layout.encode(t.params));
    const ranked = Array.from(observed.keys()).sort((a, b) => y[a] - y[b]).slice(0, 5);
    const incumbents = ranked.map((i) => x.slice(i * d, (i + 1) * d));
    // The plug-in incumbent of noisy EI (Picheny et al. 2013; plug-in-incumbent.ts): improvement over
    // the GP's smoothed landscape rather than over the luckiest ripple. 'auto' leaves ParEGO and
    // constrained studies as they were (measured on one unconstrained objective only).
    const auto = o.incumbent === 'auto' && directions.length === 1 && !constrained && params.length >= PLUG_IN_FROM_PARAMETERS;
    const plugIn = o.incumbent === 'lowest_mean' || auto;
    if (plugIn && Number.isFinite(best)) {
      const rows = Array.from(observed.keys()).filter((i) => !observed[i].pruned && feasible(i));
      best = lowestPosteriorMean(gp, x, rows.length > 0 ? rows : Array.from(observed.keys()));
    }
    const optimizer = new AcquisitionOptimizer(gp, layout, best, taken, constraintModels);
    // Each screened point costs O(n²); past 100 trials the screen shrinks so a suggestion stays near-linear in n.
    const candidates = Math.max(256, Math.round(o.candidates * Math.min(1, 100 / n)));
    // A trust region around the incumbent (TuRBO) for one unconstrained objective; with several
    // objectives the scalarised losses change every call and with constraints the best loss may be infeasible.
    let box: Box | undefined;
    if (o.trust_region && directions.length === 1 && !constrained) {
      const inOrder = observed.filter((ob) => !ob.pruned).sort((a, b) => a.trial.number - b.trial.number).map((ob) => ob.loss);
      // With input warping the box stays in the unwarped cube; its sides still follow the fitted
      // length scales, which then measure the warped inputs (a simple, not exact, reading of them).
      box = trustRegionBox(layout, incumbents[0], hyper.logLengthscales, trustRegionLength(inOrder, nInitial));
    }
    const perturbProbability = Math.min(1, SCREEN_MASK.coordinates / params.length);
    const choice = optimizer.optimize(rng, incumbents, { candidates, localStarts: o.local_starts, box, perturbProbability, perturbShare: SCREEN_MASK.share });
    return choice ? layout.decode(choice) : sobolFallback();
  }

  /**
   * Trials as losses: with one objective its loss (pruned trials through their last value); with
   * several, complete trials scalarised by ParEGO with weights drawn from this call's `rng`.
   */
  private observe(trials: readonly TrialRecord[], directions: readonly Direction[], rng: Rng): ObservedTrial[] {
    if (directions.length === 1) return observedTrials(trials, directions[0]);
    const done = trials.flatMap((trial) => {
      const losses = trialLosses(trial, directions);
      return losses ? [{ trial, losses }] : [];
    });
    if (done.length === 0) return [];
    const scalar = augmentedChebyshev(done.map((d) => d.losses), simplexWeights(directions.length, rng));
    return done.map((d, i) => ({ trial: d.trial, loss: scalar[i], pruned: false }));
  }

  /** One GP per constraint over the complete trials that carry constraint values. */
  private constraintModels(observed: readonly ObservedTrial[], layout: FeatureLayout, rng: Rng, restarts: number): ConstraintModel[] {
    const withValues = observed.filter((ob) => ob.trial.constraints !== undefined);
    const count = Math.max(...withValues.map((ob) => ob.trial.constraints!.length));
    const d = layout.width;
    const x = new Float64Array(withValues.length * d);
    withValues.forEach((ob, i) => layout.encode(ob.trial.params, x.subarray(i * d, (i + 1) * d)));
    const models: ConstraintModel[] = [];
    for (let k = 0; k < count; k++) {
      // A constraint never violated so far adds nothing but cost.
      const values = Float64Array.from(withValues, (ob) => Math.min(ob.trial.constraints![k] ?? 0, 1e300));
      if (values.every((v) => v <= 0)) continue;
      models.push(ConstraintModel.fit(x, values, d, rng, { restarts, lengthscalePrior: this.options.lengthscale_prior }));
    }
    return models;
  }
}
