import { describe, expect, it } from 'vitest';
import type { SearchSpace } from '../../src/contracts/search-space.js';
import { HyperspecError } from '../../src/errors/hyperspec-error.js';
import { Rng } from '../../src/util/rng.js';
import { checkSearchSpace } from '../../src/search/check-space.js';
import { FeatureLayout } from '../../src/search/feature-layout.js';
import { activeParams, flattenSpace } from '../../src/search/flatten-space.js';
import { sampleRandomParams, sobolParams } from '../../src/search/random-params.js';
import { hashSearchSpace } from '../../src/search/space-hash.js';
import { fromUnit, isLegalValue, toUnit } from '../../src/search/unit-encoding.js';

const space: SearchSpace = {
  lr: { type: 'loguniform', low: 1e-4, high: 1e-1 },
  units: { type: 'int', low: 32, high: 512, log: true },
  'train.optimizer': {
    type: 'choice',
    values: [{ type: 'sgd' }, { type: 'adam' }, 'none'],
    children: [{ momentum: { type: 'uniform', low: 0, high: 0.99 } }, { beta1: { type: 'uniform', low: 0.8, high: 0.99 }, amsgrad: { type: 'choice', values: [false, true] } }, undefined],
  },
  layers: { type: 'int', low: 1, high: 9, step: 2 },
};

describe('search space helpers', () => {
  it('flattens conditional parameters under <path>.<index>.<key>, parents first', () => {
    const names = flattenSpace(space).map((p) => p.name);
    expect(names).toEqual(['lr', 'units', 'train.optimizer', 'train.optimizer.0.momentum', 'train.optimizer.1.beta1', 'train.optimizer.1.amsgrad', 'layers']);
    const active = activeParams(flattenSpace(space), { 'train.optimizer': 1 }).map((p) => p.name);
    expect(active).toEqual(['lr', 'units', 'train.optimizer', 'train.optimizer.1.beta1', 'train.optimizer.1.amsgrad', 'layers']);
  });

  it('round-trips values through the unit cube, on log scales and step grids', () => {
    const lr = space.lr;
    expect(fromUnit(lr, toUnit(lr, 3e-3))).toBeCloseTo(3e-3, 12);
    expect(toUnit(lr, Math.sqrt(1e-4 * 1e-1))).toBeCloseTo(0.5, 12);
    const layers = space.layers;
    for (let u = 0; u <= 1; u += 0.01) {
      const v = fromUnit(layers, u);
      expect([1, 3, 5, 7, 9]).toContain(v);
      expect(fromUnit(layers, toUnit(layers, v))).toBe(v);
    }
    // Each int value owns an equal share of the cube.
    const counts = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const v = fromUnit(layers, (i + 0.5) / 1000);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([200, 200, 200, 200, 200]);
    const units = space.units;
    for (const v of [32, 33, 100, 511, 512]) expect(fromUnit(units, toUnit(units, v))).toBe(v);
  });

  it('samples only legal values and only the chosen option\'s children', () => {
    const params = flattenSpace(space);
    const rng = new Rng(3);
    for (let i = 0; i < 200; i++) {
      const values = i % 2 ? sampleRandomParams(params, rng) : sobolParams(params, i, 11);
      const names = activeParams(params, values).map((p) => p.name).sort();
      expect(Object.keys(values).sort()).toEqual(names);
      for (const p of activeParams(params, values)) expect(isLegalValue(p.distribution, values[p.name])).toBe(true);
    }
  });

  it('encodes one-hot features and decodes them back', () => {
    const layout = new FeatureLayout(flattenSpace(space));
    expect(layout.width).toBe(1 + 1 + 3 + 1 + 1 + 2 + 1);
    const values = { lr: 0.01, units: 64, 'train.optimizer': 1, 'train.optimizer.1.beta1': 0.9, 'train.optimizer.1.amsgrad': 1, layers: 5 };
    const x = layout.encode(values);
    const back = layout.decode(x);
    expect(back.units).toBe(64);
    expect(back.layers).toBe(5);
    expect(back['train.optimizer.1.amsgrad']).toBe(1);
    expect(back.lr).toBeCloseTo(0.01, 12);
    expect(Object.keys(back).sort()).toEqual(Object.keys(values).sort());
  });

  it('hashes spaces stably, ignoring key order', () => {
    const reordered: SearchSpace = { layers: space.layers, 'train.optimizer': space['train.optimizer'], units: space.units, lr: space.lr };
    expect(hashSearchSpace(reordered)).toBe(hashSearchSpace(space));
    expect(hashSearchSpace({ ...space, lr: { type: 'loguniform', low: 1e-5, high: 1e-1 } })).not.toBe(hashSearchSpace(space));
    expect(hashSearchSpace(space)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects broken ranges naming the parameter', () => {
    expect(() => checkSearchSpace({ lr: { type: 'loguniform', low: 0, high: 1 } })).toThrow(/'lr'.*log scale/);
    expect(() => checkSearchSpace({ n: { type: 'int', low: 5, high: 1 } })).toThrow(HyperspecError);
    expect(() => checkSearchSpace({})).toThrow(/empty/);
    expect(() => checkSearchSpace(space)).not.toThrow();
  });
});
