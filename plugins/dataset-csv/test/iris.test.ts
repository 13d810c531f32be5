import { describe, expect, it } from 'vitest';
import { columnStats, loadDataset } from './load-dataset.js';

describe('iris dataset', () => {
  it('has 150 samples of 4 features and 3 balanced classes', async () => {
    const data = await loadDataset({ type: 'iris', standardize: false });
    expect(data.train.count).toBe(150);
    expect(data.train.x.length).toBe(600);
    expect(data.sampleShape).toEqual([4]);
    expect(data.targetShape).toEqual([]);
    expect(data.classes).toBe(3);
    expect(data.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(data.test).toBeUndefined();
    const counts = [0, 0, 0];
    for (const c of data.train.y) counts[c]++;
    expect(counts).toEqual([50, 50, 50]);
    // first sample of Fisher's table: 5.1, 3.5, 1.4, 0.2, setosa
    expect([...data.train.x.subarray(0, 4)]).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(data.train.y[0]).toBe(0);
  });

  it('standardizes by default to zero mean and unit variance per feature', async () => {
    const data = await loadDataset({ type: 'iris' });
    const { mean, std } = columnStats(data.train.x, 4);
    for (const m of mean) expect(Math.abs(m)).toBeLessThan(1e-5);
    for (const s of std) expect(s).toBeCloseTo(1, 5);
  });

  it('holds out a stratified, seeded test split and standardizes with train statistics only', async () => {
    const a = await loadDataset({ type: 'iris', test_split: 0.2 }, { seed: 3 });
    const b = await loadDataset({ type: 'iris', test_split: 0.2 }, { seed: 3 });
    const c = await loadDataset({ type: 'iris', test_split: 0.2 }, { seed: 4 });
    expect(a.train.count).toBe(120);
    expect(a.test!.count).toBe(30);
    const counts = [0, 0, 0];
    for (const k of a.test!.y) counts[k]++;
    expect(counts).toEqual([10, 10, 10]);
    expect([...a.test!.x]).toEqual([...b.test!.x]);
    expect([...a.test!.x]).not.toEqual([...c.test!.x]);
    const train = columnStats(a.train.x, 4);
    for (const m of train.mean) expect(Math.abs(m)).toBeLessThan(1e-5);
    // the test split is scaled with train's statistics, so its own mean is not exactly 0
    const test = columnStats(a.test!.x, 4);
    expect(test.mean.some((m) => Math.abs(m) > 1e-3)).toBe(true);
  });

  it('rejects unknown options and out-of-range test_split', async () => {
    await expect(loadDataset({ type: 'iris', standardise: true })).rejects.toThrow(/unknown key "standardise"/);
    await expect(loadDataset({ type: 'iris', test_split: 0.95 })).rejects.toThrow(/data.test_split: must be <= 0.9/);
  });
});
