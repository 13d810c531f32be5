import { describe, expect, it } from 'vitest';
import { loadDataset } from './load-dataset.js';

describe('mnist dataset', () => {
  it('loads the first N images as [1, 28, 28] in [0, 1] with labels 0..9', async () => {
    const data = await loadDataset({ type: 'mnist', train_limit: 500, test_limit: 100 });
    expect(data.sampleShape).toEqual([1, 28, 28]);
    expect(data.classes).toBe(10);
    expect(data.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(data.train.count).toBe(500);
    expect(data.train.x.length).toBe(500 * 784);
    expect(data.test!.count).toBe(100);
    let min = Infinity;
    let max = -Infinity;
    for (const v of data.train.x) { if (v < min) min = v; if (v > max) max = v; }
    expect(min).toBe(0);
    expect(max).toBe(1);
    const seen = new Set(data.train.y);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // the well-known first labels of each file
    expect([...data.train.y.subarray(0, 8)]).toEqual([5, 0, 4, 1, 9, 2, 1, 3]);
    expect([...data.test!.y.subarray(0, 8)]).toEqual([7, 2, 1, 0, 4, 1, 4, 9]);
    // a digit is mostly background: roughly 80% of MNIST pixels are 0
    const zeros = data.train.x.reduce((n, v) => n + (v === 0 ? 1 : 0), 0) / data.train.x.length;
    expect(zeros).toBeGreaterThan(0.7);
    expect(zeros).toBeLessThan(0.9);
  });

  it('flattens to 784-vectors and can skip normalisation and the test split', async () => {
    const data = await loadDataset({ type: 'mnist', train_limit: 10, test_limit: 0, flatten: true, normalize: false });
    expect(data.sampleShape).toEqual([784]);
    expect(data.test).toBeUndefined();
    expect(Math.max(...data.train.x)).toBe(255);
    expect(data.train.x.every((v) => Number.isInteger(v))).toBe(true);
  });

  it('loads the full 10,000-image test set', async () => {
    const data = await loadDataset({ type: 'mnist', train_limit: 1, test_limit: 10_000 });
    expect(data.test!.count).toBe(10_000);
    const counts = new Array(10).fill(0);
    for (const y of data.test!.y) counts[y]++;
    // class sizes of the MNIST test set
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('rejects limits beyond the data', async () => {
    await expect(loadDataset({ type: 'mnist', train_limit: 60_001 })).rejects.toThrow(/data.train_limit: must be <= 60000/);
  });
});
