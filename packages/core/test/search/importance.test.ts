import { describe, expect, it } from 'vitest';
import type { SearchSpace, TrialRecord } from '../../src/contracts/search-space.js';
import { Fanova } from '../../src/search/importance/fanova.js';
import { fitImportance, paramImportances } from '../../src/search/importance/param-importance.js';
import { fromUnit } from '../../src/search/unit-encoding.js';
import { Rng } from '../../src/util/rng.js';

describe('fANOVA importance', () => {
  it('finds the variance shares of an additive function: 10·x0 + x1 + 0·x2 gives about 100 : 1 : 0', () => {
    const rng = new Rng(3);
    const x = Array.from({ length: 200 }, () => Float64Array.from([rng.next(), rng.next(), rng.next()]));
    const y = x.map((p) => 10 * p[0] + p[1]);
    const shares = new Fanova(x, y, { trees: 16, seed: 1 }).importances();
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // Exact shares of the true function: 100/101 and 1/101; the forest approximates them.
    expect(shares[0]).toBeGreaterThan(0.9);
    expect(shares[1]).toBeGreaterThan(shares[2]);
    expect(shares[1]).toBeLessThan(0.08);
    expect(shares[2]).toBeLessThan(0.02);
  });

  it('returns zeros for a flat objective', () => {
    const x = [Float64Array.from([0.1, 0.2]), Float64Array.from([0.7, 0.9]), Float64Array.from([0.4, 0.5])];
    expect(new Fanova(x, [1, 1, 1], { trees: 4 }).importances()).toEqual([0, 0]);
  });

  it('ranks the parameters of a study: one dominant, one minor, one irrelevant; pruned and failed trials ignored', () => {
    const space: SearchSpace = {
      'train.optimizer.learning_rate': { type: 'loguniform', low: 1e-4, high: 1 },
      'model.units': { type: 'int', low: 4, high: 64 },
      'model.activation': { type: 'choice', values: ['relu', 'tanh', 'sigmoid'] },
    };
    const rng = new Rng(11);
    const trials: TrialRecord[] = [];
    for (let n = 0; n < 60; n++) {
      const lr = fromUnit(space['train.optimizer.learning_rate'], rng.next());
      const units = fromUnit(space['model.units'], rng.next());
      const activation = fromUnit(space['model.activation'], rng.next());
      // The loss is a bowl in log10(lr) around 1e-2; units matter a little; the activation not at all.
      const value = (Math.log10(lr) + 2) ** 2 + 0.1 * (units / 64);
      trials.push({ number: n, state: 'complete', params: { 'train.optimizer.learning_rate': lr, 'model.units': units, 'model.activation': activation }, value, intermediate: {} });
    }
    trials.push({ number: 60, state: 'pruned', params: { 'train.optimizer.learning_rate': 1e-4, 'model.units': 4, 'model.activation': 0 }, value: 1e6, intermediate: {} });
    trials.push({ number: 61, state: 'failed', params: { 'train.optimizer.learning_rate': 1, 'model.units': 4, 'model.activation': 1 }, intermediate: {} });
    const ranking = paramImportances(space, trials, { trees: 24, seed: 5 });
    expect(ranking.map((r) => r.name)).toEqual(['train.optimizer.learning_rate', 'model.units', 'model.activation']);
    expect(ranking[0].importance).toBeGreaterThan(0.8);
    expect(ranking[2].importance).toBeLessThan(0.05);

    // The joint marginal of the two leading parameters has its minimum near lr = 1e-2 (unit position 0.5).
    const model = fitImportance(space, trials, { trees: 24, seed: 5 })!;
    const grid = Array.from({ length: 11 }, (_, k) => k / 10);
    const surface = model.fanova.marginal2d(0, 1, grid, grid);
    const byLr = surface.map((row) => row.reduce((a, b) => a + b, 0) / row.length);
    const argmin = byLr.indexOf(Math.min(...byLr));
    expect(Math.abs(grid[argmin] - 0.5)).toBeLessThanOrEqual(0.1);
  });

  it('needs two completed trials sharing a parameter', () => {
    const space: SearchSpace = { x: { type: 'uniform', low: 0, high: 1 } };
    expect(paramImportances(space, [{ number: 0, state: 'complete', params: { x: 0.3 }, value: 1, intermediate: {} }])).toEqual([]);
  });
});
