import type { Rng } from '@hyperspec/core';
import { SobolParamSequence, cardinality, toUnit, type FeatureLayout } from '@hyperspec/core/search';
import type { ConstraintModel } from './constraint-model.js';
import type { GaussianProcess } from './gaussian-process.js';
import { minimizeLbfgs } from './lbfgs.js';
import { dLogH, logExpectedImprovement, logH } from './log-expected-improvement.js';
import type { Box } from './trust-region.js';

export interface AcquisitionSettings {
  /** Quasi-random screening points. */
  candidates: number;
  /** Best screened points refined by local search. */
  localStarts: number;
  /** Search only inside this box of the feature space (a trust region); the whole cube when absent. */
  box?: Box;
  /**
   * With a box: a share of the screened points move each numeric coordinate of the box's centre
   * (the first incumbent) with this probability and keep the others (at least one moves); absent
   * or 1, every screened point moves every coordinate.
   */
  perturbProbability?: number;
  /** The share of screened points built that way (default 1). */
  perturbShare?: number;
}

/**
 * Keeps each of `columns` of the point `x` (already inside `box`) at `centre`'s value unless a draw
 * below `p` lets it move; if none moved, one column drawn at random takes a uniform value in the box.
 */
export function maskToCentre(x: Float64Array, centre: Float64Array, box: Box, columns: readonly number[], p: number, rng: Rng): void {
  let moved = 0;
  for (const offset of columns) {
    if (rng.next() < p) moved++;
    else x[offset] = centre[offset];
  }
  if (moved === 0) {
    const offset = columns[rng.int(columns.length)];
    x[offset] = box.lower[offset] + (box.upper[offset] - box.lower[offset]) * rng.next();
  }
}

/** Ints with more values than this are relaxed to continuous during gradient steps (then rounded). */
const RELAX_INT_ABOVE = 32;

interface Scored {
  x: Float64Array;
  value: number;
}

/**
 * Maximises log EI over the space: a scrambled-Sobol' screen plus perturbations of the best observed
 * points, then from the best few, L-BFGS-B on the continuous coordinates and exhaustive moves on the
 * discrete ones (an int one cell up or down, a choice to any other option). The acquisition is always
 * evaluated at the rounded point (Garrido-Merchán & Hernández-Lobato, "Dealing with categorical and
 * integer-valued variables in Bayesian optimization with Gaussian processes", Neurocomputing 2020),
 * so ints and one-hot choices are never scored between legal values. Points already taken (finished
 * or running trials) are skipped.
 */
export class AcquisitionOptimizer {
  private readonly takenKeys: Set<string>;

  /**
   * `constraints` multiply EI by each one's probability of feasibility (Gardner et al. 2014); with
   * `best` infinite (no feasible trial yet) only the probability of feasibility is maximised.
   */
  constructor(
    private readonly gp: GaussianProcess,
    private readonly layout: FeatureLayout,
    private readonly best: number,
    taken: readonly Float64Array[],
    private readonly constraints: readonly ConstraintModel[] = [],
  ) {
    this.takenKeys = new Set(taken.map((x) => this.key(x)));
  }

  private key(x: Float64Array): string {
    return Array.from(x, (v) => v.toFixed(9)).join(',');
  }

  /** log EI (times the probability of feasibility) at a legal (canonical) feature vector. */
  score(x: Float64Array): number {
    let value = 0;
    if (Number.isFinite(this.best)) {
      const [mean, variance] = this.gp.predict(x);
      value = logExpectedImprovement(mean, variance, this.best);
    }
    for (const c of this.constraints) value += c.logFeasibility(x);
    return value;
  }

  /** The best legal point found, as a canonical feature vector (undefined if every candidate was taken). */
  optimize(rng: Rng, incumbents: readonly Float64Array[], s: AcquisitionSettings): Float64Array | undefined {
    const layout = this.layout;
    const pool: Scored[] = [];
    const sobol = new SobolParamSequence(layout.params, rng.nextUint32());
    const box = s.box;
    // Numeric columns squeezed into the box (choices keep every option).
    const inBox = (x: Float64Array): Float64Array => {
      if (!box) return x;
      for (const { def, offset } of layout.columns) {
        if (def.distribution.type !== 'choice') x[offset] = Math.min(box.upper[offset], Math.max(box.lower[offset], x[offset]));
      }
      return layout.canonical(x);
    };
    // Points that move only a few coordinates of the incumbent: in many dimensions a uniform point in
    // the box changes every coordinate at once, so it rarely keeps what the incumbent got right
    // (TuRBO's and DYCORS' perturbation masks; see bayes-searcher.ts).
    const numericCols = layout.columns.filter((c) => c.def.distribution.type !== 'choice');
    const p = s.perturbProbability ?? 1;
    const masked = box && p < 1 && incumbents.length > 0 && numericCols.length > 0 ? Math.round(s.candidates * (s.perturbShare ?? 1)) : 0;
    for (let i = 0; i < s.candidates; i++) {
      const x = layout.encode(sobol.at(i));
      if (box) for (const { def, offset } of layout.columns) if (def.distribution.type !== 'choice') x[offset] = box.lower[offset] + (box.upper[offset] - box.lower[offset]) * x[offset];
      if (box && i < masked) maskToCentre(x, incumbents[0], box, numericCols.map((c) => c.offset), p, rng);
      const c = box ? inBox(x) : x;
      pool.push({ x: c, value: this.score(c) });
    }
    // Local candidates around the best observed points: EI's optimum is often a small step from them.
    const perIncumbent = Math.ceil(s.candidates / 4 / Math.max(1, incumbents.length));
    const scales = [0.003, 0.02, 0.1];
    for (const base of incumbents) {
      for (let i = 0; i < perIncumbent; i++) {
        const x = Float64Array.from(base);
        const scale = scales[i % scales.length];
        for (const { def, offset, width } of layout.columns) {
          if (def.distribution.type === 'choice') {
            if (rng.next() < 1 / layout.columns.length) {
              x.fill(0, offset, offset + width);
              x[offset + rng.int(width)] = 1;
            }
          } else {
            x[offset] = Math.min(1, Math.max(0, x[offset] + scale * rng.normal()));
          }
        }
        const c = box ? inBox(x) : layout.canonical(x);
        pool.push({ x: c, value: this.score(c) });
      }
    }
    pool.sort((a, b) => b.value - a.value);
    const results: Scored[] = [];
    const startKeys = new Set<string>();
    for (const start of pool) {
      if (results.length >= s.localStarts) break;
      const k = this.key(start.x);
      if (startKeys.has(k)) continue;
      startKeys.add(k);
      results.push(this.localSearch(start, box));
    }
    const all = [...results, ...pool].sort((a, b) => b.value - a.value);
    for (const c of all) if (!this.takenKeys.has(this.key(c.x))) return c.x;
    return undefined;
  }

  /** Alternates gradient steps on continuous coordinates with discrete moves until neither helps. */
  private localSearch(start: Scored, box?: Box): Scored {
    let current = start;
    for (let round = 0; round < 3; round++) {
      const afterGradient = this.gradientStep(current, box);
      const afterMoves = this.discreteMoves(afterGradient);
      const improved = afterMoves.value > current.value + 1e-12;
      current = afterMoves;
      if (!improved || afterMoves === afterGradient) break;
    }
    return current;
  }

  private gradientStep(start: Scored, box?: Box): Scored {
    const layout = this.layout;
    const values = layout.decode(start.x);
    const free: number[] = [];
    for (const { def, offset } of layout.columns) {
      if (values[def.name] === undefined || def.distribution.type === 'choice') continue;
      if (def.distribution.type === 'int' && cardinality(def.distribution) <= RELAX_INT_ABOVE) continue;
      free.push(offset);
    }
    if (free.length === 0) return start;
    const x = Float64Array.from(start.x);
    const d = x.length;
    const dMean = new Float64Array(d);
    const dVar = new Float64Array(d);
    const feasibilityGrad = new Float64Array(free.length);
    const objective = (z: Float64Array, grad: Float64Array): number => {
      free.forEach((col, i) => (x[col] = z[i]));
      let value = 0;
      grad.fill(0);
      if (Number.isFinite(this.best)) {
        const [mean, variance] = this.gp.predictWithGradient(x, dMean, dVar);
        const sigma = Math.sqrt(variance);
        const u = (this.best - mean) / sigma;
        const lh = logH(u);
        const dl = dLogH(u, lh);
        free.forEach((col, i) => {
          const dLogSigma = dVar[col] / (2 * variance);
          const du = -dMean[col] / sigma - u * dLogSigma;
          grad[i] = -(dLogSigma + dl * du);
        });
        value = -(Math.log(sigma) + lh);
      }
      for (const c of this.constraints) {
        feasibilityGrad.fill(0);
        value -= c.logFeasibilityWithGradient(x, free, feasibilityGrad, dMean, dVar);
        for (let i = 0; i < free.length; i++) grad[i] -= feasibilityGrad[i];
      }
      return value;
    };
    const z0 = Float64Array.from(free, (col) => start.x[col]);
    const lower = Float64Array.from(free, (col) => box?.lower[col] ?? 0);
    const upper = Float64Array.from(free, (col) => box?.upper[col] ?? 1);
    const result = minimizeLbfgs(objective, z0, { lower, upper, maxIterations: 40, gradientTolerance: 1e-7, firstStep: 0.05 });
    free.forEach((col, i) => (x[col] = result.x[i]));
    const canonical = layout.canonical(x);
    const value = this.score(canonical);
    return value > start.value ? { x: canonical, value } : start;
  }

  private discreteMoves(start: Scored): Scored {
    const layout = this.layout;
    let current = start;
    for (let pass = 0; pass < 3; pass++) {
      let improved = false;
      const values = layout.decode(current.x);
      for (const { def, offset, width } of layout.columns) {
        const v = values[def.name];
        if (v === undefined) continue;
        const d = def.distribution;
        const moves: Float64Array[] = [];
        if (d.type === 'choice') {
          for (let option = 0; option < width; option++) {
            if (option === v) continue;
            const x = Float64Array.from(current.x);
            x.fill(0, offset, offset + width);
            x[offset + option] = 1;
            moves.push(x);
          }
        } else if (d.type === 'int') {
          const step = d.step ?? 1;
          for (const next of [v - step, v + step]) {
            if (next < d.low || next > d.high) continue;
            const x = Float64Array.from(current.x);
            x[offset] = toUnit(d, next);
            moves.push(x);
          }
        }
        for (const move of moves) {
          const c = layout.canonical(move);
          const value = this.score(c);
          if (value > current.value + 1e-12) {
            current = { x: c, value };
            improved = true;
          }
        }
      }
      if (!improved) break;
    }
    return current;
  }
}
