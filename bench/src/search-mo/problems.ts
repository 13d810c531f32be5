import type { ParamValues, SearchSpace } from '@hyperspec/core';

/** A benchmark problem with two minimised objectives over [0, 1]^6, and the reference point its hypervolume is measured from. */
export interface MoProblem {
  name: string;
  space: SearchSpace;
  reference: [number, number];
  /** The hypervolume of the true Pareto front from `reference` (an upper bound). */
  maximum?: number;
  evaluate(x: number[]): [number, number];
  /** `reported`: the functions of issue 17's bar; `tuning`: the ones any default was tuned on (never reported as held out). */
  set: 'reported' | 'tuning';
}

const D = 6;
const space: SearchSpace = Object.fromEntries(Array.from({ length: D }, (_, i) => [`x${i}`, { type: 'uniform', low: 0, high: 1 }]));
export const vector = (p: ParamValues): number[] => Array.from({ length: D }, (_, i) => p[`x${i}`]);
const tailMean = (x: number[]) => x.slice(1).reduce((a, b) => a + b, 0) / (x.length - 1);

/** ZDT1, ZDT2, ZDT3, ZDT6: E. Zitzler, K. Deb and L. Thiele, "Comparison of Multiobjective Evolutionary Algorithms: Empirical Results", Evol. Comput. 8(2), 2000. */
const zdt1: MoProblem = {
  name: 'ZDT1', space, reference: [1.1, 5], maximum: 5.17, set: 'reported',
  evaluate: (x) => {
    const g = 1 + 9 * tailMean(x);
    return [x[0], g * (1 - Math.sqrt(x[0] / g))];
  },
};
const zdt2: MoProblem = {
  name: 'ZDT2', space, reference: [1.1, 5], maximum: 4.83, set: 'reported',
  evaluate: (x) => {
    const g = 1 + 9 * tailMean(x);
    return [x[0], g * (1 - (x[0] / g) ** 2)];
  },
};
const zdt3: MoProblem = {
  name: 'ZDT3', space, reference: [1.1, 5], set: 'tuning',
  evaluate: (x) => {
    const g = 1 + 9 * tailMean(x);
    const r = x[0] / g;
    return [x[0], g * (1 - Math.sqrt(r) - r * Math.sin(10 * Math.PI * x[0]))];
  },
};
const zdt6: MoProblem = {
  name: 'ZDT6', space, reference: [1.1, 10], set: 'tuning',
  evaluate: (x) => {
    const f1 = 1 - Math.exp(-4 * x[0]) * Math.sin(6 * Math.PI * x[0]) ** 6;
    const g = 1 + 9 * tailMean(x) ** 0.25;
    return [f1, g * (1 - (f1 / g) ** 2)];
  },
};

/** DTLZ2 and DTLZ7 with two objectives: K. Deb, L. Thiele, M. Laumanns and E. Zitzler, "Scalable Test Problems for Evolutionary Multiobjective Optimization", 2005. */
const dtlz2: MoProblem = {
  name: 'DTLZ2', space, reference: [1.1, 1.1], maximum: 0.425, set: 'reported',
  evaluate: (x) => {
    let g = 0;
    for (let i = 1; i < D; i++) g += (x[i] - 0.5) ** 2;
    return [(1 + g) * Math.cos((x[0] * Math.PI) / 2), (1 + g) * Math.sin((x[0] * Math.PI) / 2)];
  },
};
const dtlz7: MoProblem = {
  name: 'DTLZ7', space, reference: [1.1, 25], set: 'tuning',
  evaluate: (x) => {
    const g = 1 + 9 * tailMean(x);
    const f1 = x[0];
    return [f1, g * (2 - (f1 / g) * (1 + Math.sin(3 * Math.PI * f1)))];
  },
};

export const MO_PROBLEMS: MoProblem[] = [zdt1, zdt2, dtlz2, zdt3, zdt6, dtlz7];
