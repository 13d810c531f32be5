import type { ParamValues, SearchSpace } from '@hyperspec/core';
import type { TestFunction } from './test-functions.js';

/*
 * The held-out set: standard test functions that were never used to choose any searcher default
 * (the development set in test-functions.ts was). Definitions, domains and global minima follow
 * Surjanovic & Bingham, "Virtual Library of Simulation Experiments: Test Functions and Datasets"
 * (Simon Fraser University, www.sfu.ca/~ssurjano/optimization.html); each comment names the page.
 * bench/search_optuna.py defines the same functions for Optuna; the search bench checks that both
 * give the same values before it runs.
 */

const axes = (d: number, low: number, high: number): SearchSpace =>
  Object.fromEntries(Array.from({ length: d }, (_, i) => [`x${i}`, { type: 'uniform' as const, low, high }]));
const xs = (p: ParamValues, d: number): number[] => Array.from({ length: d }, (_, i) => p[`x${i}`] as number);
const at = (values: number[]): ParamValues => Object.fromEntries(values.map((v, i) => [`x${i}`, v]));

/** Goldstein–Price (goldpr.html) on [−2, 2]²: several local minima; f* = 3 at (0, −1). */
export const goldsteinPrice: TestFunction = {
  name: 'GoldsteinPrice2',
  space: axes(2, -2, 2),
  minimum: 3,
  minimiser: at([0, -1]),
  evaluate(p) {
    const [x1, x2] = xs(p, 2);
    const a = 1 + (x1 + x2 + 1) ** 2 * (19 - 14 * x1 + 3 * x1 * x1 - 14 * x2 + 6 * x1 * x2 + 3 * x2 * x2);
    const b = 30 + (2 * x1 - 3 * x2) ** 2 * (18 - 32 * x1 + 12 * x1 * x1 + 48 * x2 - 36 * x1 * x2 + 27 * x2 * x2);
    return a * b;
  },
};

/** Six-hump camel (camel6.html) on x1 ∈ [−3, 3], x2 ∈ [−2, 2]: six local minima; f* = −1.0316 at (0.0898, −0.7126). */
export const sixHumpCamel: TestFunction = {
  name: 'SixHumpCamel2',
  space: { x0: { type: 'uniform', low: -3, high: 3 }, x1: { type: 'uniform', low: -2, high: 2 } },
  minimum: -1.0316,
  minimiser: at([0.0898, -0.7126]),
  evaluate(p) {
    const [x1, x2] = xs(p, 2);
    return (4 - 2.1 * x1 * x1 + x1 ** 4 / 3) * x1 * x1 + x1 * x2 + (-4 + 4 * x2 * x2) * x2 * x2;
  },
};

const H3_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H3_A = [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]];
const H3_P = [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]].map((r) => r.map((v) => v * 1e-4));

/** Hartmann 3-d (hart3.html) on [0, 1]³: four local minima; f* = −3.86278 at (0.114614, 0.555649, 0.852547). */
export const hartmann3: TestFunction = {
  name: 'Hartmann3',
  space: axes(3, 0, 1),
  minimum: -3.86278,
  minimiser: at([0.114614, 0.555649, 0.852547]),
  evaluate(p) {
    const x = xs(p, 3);
    let f = 0;
    for (let i = 0; i < 4; i++) {
      let inner = 0;
      for (let j = 0; j < 3; j++) inner += H3_A[i][j] * (x[j] - H3_P[i][j]) ** 2;
      f -= H3_ALPHA[i] * Math.exp(-inner);
    }
    return f;
  },
};

/** Levy (levy.html) in 5-d on [−10, 10]⁵: many local minima; f* = 0 at (1, …, 1). w_i = 1 + (x_i − 1)/4. */
export const levy5: TestFunction = {
  name: 'Levy5',
  space: axes(5, -10, 10),
  minimum: 0,
  minimiser: at([1, 1, 1, 1, 1]),
  evaluate(p) {
    const w = xs(p, 5).map((v) => 1 + (v - 1) / 4);
    const d = w.length;
    let f = Math.sin(Math.PI * w[0]) ** 2;
    for (let i = 0; i < d - 1; i++) f += (w[i] - 1) ** 2 * (1 + 10 * Math.sin(Math.PI * w[i] + 1) ** 2);
    return f + (w[d - 1] - 1) ** 2 * (1 + Math.sin(2 * Math.PI * w[d - 1]) ** 2);
  },
};

/** Schwefel (schwef.html) in 4-d on [−500, 500]⁴: many local minima, the best far from the next best; f* = 0 at x_i = 420.9687. */
export const schwefel4: TestFunction = {
  name: 'Schwefel4',
  space: axes(4, -500, 500),
  minimum: 0,
  minimiser: at([420.9687, 420.9687, 420.9687, 420.9687]),
  evaluate(p) {
    const x = xs(p, 4);
    return 418.9829 * x.length - x.reduce((s, v) => s + v * Math.sin(Math.sqrt(Math.abs(v))), 0);
  },
};

/** Styblinski–Tang (stybtang.html) in 8-d on [−5, 5]⁸: 2⁸ local minima; f* = −39.166166·8 at x_i = −2.903534. */
export const styblinskiTang8: TestFunction = {
  name: 'StyblinskiTang8',
  space: axes(8, -5, 5),
  // The page states f* = −39.16599·d; the value at its minimiser is −39.166166·d (it also bounds f* in [−39.16617d, −39.16616d]).
  minimum: -39.166166 * 8,
  minimiser: at(new Array(8).fill(-2.903534)),
  evaluate(p) {
    return 0.5 * xs(p, 8).reduce((s, v) => s + v ** 4 - 16 * v * v + 5 * v, 0);
  },
};

/** Griewank (griewank.html) in 6-d on [−600, 600]⁶: many regularly spaced local minima; f* = 0 at the origin. */
export const griewank6: TestFunction = {
  name: 'Griewank6',
  space: axes(6, -600, 600),
  minimum: 0,
  minimiser: at(new Array(6).fill(0)),
  evaluate(p) {
    const x = xs(p, 6);
    let sum = 0;
    let prod = 1;
    x.forEach((v, i) => {
      sum += (v * v) / 4000;
      prod *= Math.cos(v / Math.sqrt(i + 1));
    });
    return sum - prod + 1;
  },
};

/** Rastrigin (rastr.html) in 10-d on [−5.12, 5.12]¹⁰: many regularly spaced local minima; f* = 0 at the origin. */
export const rastrigin10: TestFunction = {
  name: 'Rastrigin10',
  space: axes(10, -5.12, 5.12),
  minimum: 0,
  minimiser: at(new Array(10).fill(0)),
  evaluate(p) {
    return xs(p, 10).reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 100);
  },
};

/** Never used to tune anything; reported in their own table. */
export const HELD_OUT_SET: readonly TestFunction[] = [goldsteinPrice, sixHumpCamel, hartmann3, levy5, schwefel4, styblinskiTang8, griewank6, rastrigin10];
