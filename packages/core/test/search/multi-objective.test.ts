import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Rng, type TrialRecord } from '@hyperspec/core';
import { crowdingDistance, dominates, hypervolume, hypervolumeContributions, nonDominatedSort, paretoFront, paretoTrials, trialLosses } from '@hyperspec/core/search';

const cases = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/hypervolume/cases.json', import.meta.url)), 'utf8')) as {
  name: string; reference: number[]; points: number[][]; hypervolume: number;
}[];

/** Random points on a coarse grid, so ties and duplicates are common. */
function randomPoints(rng: Rng, n: number, m: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: m }, () => rng.int(6)));
}

/** The definition, checked pair by pair. */
function bruteForceFront(points: number[][]): number[] {
  return points.map((_, i) => i).filter((i) => !points.some((q, j) => j !== i && q.every((v, k) => v <= points[i][k]) && q.some((v, k) => v < points[i][k])));
}

describe('Pareto fronts', () => {
  it('extracts exactly the non-dominated points of random sets (ties and duplicates included)', () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 200; trial++) {
      const points = randomPoints(rng, 1 + rng.int(30), 2 + rng.int(3));
      expect(paretoFront(points)).toEqual(bruteForceFront(points));
    }
  });

  it('sorts into fronts: nothing in a front or a later one dominates a member, and each later member is dominated by an earlier front', () => {
    const rng = new Rng(4);
    for (let trial = 0; trial < 50; trial++) {
      const points = randomPoints(rng, 40, 3);
      const fronts = nonDominatedSort(points);
      expect(fronts.flat().sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
      fronts.forEach((front, k) => {
        const sameOrLater = fronts.slice(k).flat();
        for (const i of front) expect(sameOrLater.some((j) => dominates(points[j], points[i]))).toBe(false);
        if (k > 0) for (const i of front) expect(fronts[k - 1].some((j) => dominates(points[j], points[i]))).toBe(true);
      });
    }
  });

  it('puts feasible points first and ranks infeasible ones by their violation', () => {
    const points = [[1, 1], [0, 5], [5, 0], [0, 0], [0, 0]];
    const violations = [0, 0, 0, 2, 0.5];
    expect(nonDominatedSort(points, violations)).toEqual([[0, 1, 2], [4], [3]]);
    expect(paretoFront(points, violations)).toEqual([0, 1, 2]);
    expect(paretoFront(points, [1, 1, 1, 2, 0.5]), 'with no feasible point, the least violating one').toEqual([4]);
  });

  it('gives the extremes of a front an infinite crowding distance and the rest the normalised gap between neighbours', () => {
    const d = crowdingDistance([[0, 4], [1, 2], [3, 1], [4, 0]]);
    expect(d[0]).toBe(Infinity);
    expect(d[3]).toBe(Infinity);
    expect(d[1]).toBeCloseTo(3 / 4 + 3 / 4, 12);
    expect(d[2]).toBeCloseTo(3 / 4 + 2 / 4, 12);
  });

  it('finds the Pareto-optimal trials of a study, maximised objectives and constraints included', () => {
    const t = (number: number, values: number[], constraints?: number[], state: TrialRecord['state'] = 'complete'): TrialRecord =>
      ({ number, state, params: {}, value: values[0], values, intermediate: {}, ...(constraints ? { constraints } : {}) });
    const trials = [t(0, [0.9, 100]), t(1, [0.95, 300]), t(2, [0.8, 200]), t(3, [0.99, 50], [1]), t(4, [0.97, 400], [-1]), t(5, [1, 1], undefined, 'failed')];
    expect(paretoTrials(trials, ['maximize', 'minimize']).map((x) => x.number)).toEqual([0, 1, 4]);
    expect(trialLosses(trials[0], ['maximize', 'minimize'])).toEqual([-0.9, 100]);
    expect(trialLosses(trials[5], ['maximize', 'minimize'])).toBeUndefined();
  });
});

describe('hypervolume', () => {
  it.each(cases)('$name matches the reference value (Optuna 3.1 WFG)', ({ points, reference, hypervolume: expected }) => {
    expect(hypervolume(points, reference)).toBeCloseTo(expected, 10);
  });

  it('is the staircase area in two objectives and each point\'s contribution is its own rectangle', () => {
    // [2.5, 2.5] is dominated by [2, 2] but still covers a quarter of what [2, 2] alone would.
    const points = [[1, 3], [2, 2], [3, 1], [2.5, 2.5]];
    expect(hypervolume(points, [4, 4])).toBeCloseTo(3 + 2 + 1, 12);
    hypervolumeContributions(points, [4, 4]).forEach((c, i) => expect(c).toBeCloseTo([1, 0.75, 1, 0][i], 12));
  });
});
