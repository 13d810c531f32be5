import { describe, expect, it } from 'vitest';
import type { ArraySplit } from '@hyperspec/core';
import { applyStandardization, divideBy, featureMoments, featureRange, normalizeSplits, standardizeSplits } from '@hyperspec/core/data';

const split = (rows: number[][]): ArraySplit => ({ x: Float32Array.from(rows.flat()), y: new Float32Array(rows.length), count: rows.length });

describe('standardize', () => {
  it('computes population mean and std per column', () => {
    const { mean, std } = featureMoments(Float32Array.from([1, 10, 3, 10, 5, 10]), 2);
    expect([...mean]).toEqual([3, 10]);
    expect(std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(std[1]).toBe(0);
  });

  it('fits on train only and applies the train statistics to every split', () => {
    const splits = { train: split([[1, 2], [3, 2], [5, 2]]), test: split([[7, 4]]) };
    const m = standardizeSplits(splits, 2);
    expect(m.mean[0]).toBe(3);
    const s = Math.sqrt(8 / 3);
    expect([...splits.train.x].map((v) => +v.toFixed(5))).toEqual([-2 / s, 0, 0, 0, 2 / s, 0].map((v) => +v.toFixed(5)));
    // test is scaled with train's mean/std (not its own): (7-3)/s, and the constant column is only centred
    expect(splits.test!.x[0]).toBeCloseTo(4 / s, 5);
    expect(splits.test!.x[1]).toBe(2);
    const after = featureMoments(splits.train.x, 2);
    expect(after.mean[0]).toBeCloseTo(0, 6);
    expect(after.std[0]).toBeCloseTo(1, 6);
  });

  it('leaves columns outside the given list untouched', () => {
    const x = Float32Array.from([1, 0, 3, 1]);
    applyStandardization(x, 2, featureMoments(x, 2), [0]);
    expect([...x]).toEqual([-1, 0, 1, 1]);
  });
});

describe('normalize', () => {
  it('maps the train range to [0, 1] and applies it to other splits', () => {
    const splits = { train: split([[2, 5], [4, 5], [6, 5]]), test: split([[8, 1]]) };
    const r = normalizeSplits(splits, 2);
    expect([...r.min]).toEqual([2, 5]);
    expect([...r.max]).toEqual([6, 5]);
    expect([...splits.train.x]).toEqual([0, 0, 0.5, 0, 1, 0]);
    expect([...splits.test!.x]).toEqual([1.5, 0]); // outside [0, 1] with train's range; constant column → 0
  });

  it('divides by a fixed divisor', () => {
    const x = Float32Array.from([0, 51, 255]);
    divideBy(x, 255);
    expect([...x]).toEqual([0, Math.fround(0.2), 1]);
    expect(() => divideBy(x, 0)).toThrow(/non-zero/);
  });

  it('finds per-column ranges', () => {
    const r = featureRange(Float32Array.from([3, -1, 1, 4, 2, 0]), 2);
    expect([...r.min]).toEqual([1, -1]);
    expect([...r.max]).toEqual([3, 4]);
  });
});
