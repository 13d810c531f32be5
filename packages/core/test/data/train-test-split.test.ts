import { describe, expect, it } from 'vitest';
import { Rng } from '@hyperspec/core';
import { trainTestIndices, trainTestSplit } from '@hyperspec/core/data';

describe('train/test split', () => {
  it('puts round(n·fraction) samples in test, each sample exactly once, both sides ascending', () => {
    const { train, test } = trainTestIndices(103, 0.2, new Rng(1));
    expect(test.length).toBe(21);
    expect(train.length).toBe(82);
    const all = [...train, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 103 }, (_, i) => i));
    expect([...test]).toEqual([...test].sort((a, b) => a - b));
  });

  it('repeats exactly with the same seed and differs with another', () => {
    const a = trainTestIndices(50, 0.3, new Rng(7));
    const b = trainTestIndices(50, 0.3, new Rng(7));
    const c = trainTestIndices(50, 0.3, new Rng(8));
    expect([...a.test]).toEqual([...b.test]);
    expect([...a.test]).not.toEqual([...c.test]);
  });

  it('keeps class proportions when stratified', () => {
    const labels = [...Array(60).fill(0), ...Array(30).fill(1), ...Array(10).fill(2)];
    const { test } = trainTestIndices(100, 0.25, new Rng(3), labels);
    const counts = [0, 0, 0];
    for (const i of test) counts[labels[i]]++;
    // exact shares 15, 7.5, 2.5 → 15 + the two halves go to the larger remainder first (class 1, then 2)
    expect(test.length).toBe(25);
    expect(counts).toEqual([15, 8, 2]);
  });

  it('copies samples and targets into the two parts', () => {
    const split = { x: Float32Array.from({ length: 20 }, (_, i) => i), y: Float32Array.from({ length: 10 }, (_, i) => i), count: 10 };
    const { train, test } = trainTestSplit(split, 0.3, new Rng(2), { sampleSize: 2, targetSize: 1 });
    expect(test.count).toBe(3);
    expect(train.count).toBe(7);
    for (const part of [train, test]) {
      for (let i = 0; i < part.count; i++) expect([part.x[2 * i], part.x[2 * i + 1]]).toEqual([2 * part.y[i], 2 * part.y[i] + 1]);
    }
  });

  it('makes no test split for fraction 0 and rejects fractions outside [0, 1)', () => {
    expect(trainTestIndices(5, 0, new Rng(0)).test.length).toBe(0);
    expect(() => trainTestIndices(5, 1, new Rng(0))).toThrow(/\[0, 1\)/);
  });
});
