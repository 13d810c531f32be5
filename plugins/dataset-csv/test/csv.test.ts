import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { columnStats, loadDataset } from './load-dataset.js';

const examplesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples');
const dir = mkdtempSync(join(tmpdir(), 'hyperspec-csv-'));
function csvFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const houses = csvFile('houses.csv', [
  'rooms,city,area,price',
  '3,paris,70,300',
  '2,lyon,50,150',
  '4,paris,95,420',
  '1,nice,30,120',
  '3,lyon,80,210',
  '5,nice,120,500',
].join('\n'));

describe('csv dataset', () => {
  it('reads examples/data/iris.csv relative to the spec directory, like the bundled iris', async () => {
    const fromCsv = await loadDataset({ type: 'csv', path: 'data/iris.csv', target: 'species', standardize: false }, { baseDir: examplesDir });
    const bundled = await loadDataset({ type: 'iris', standardize: false });
    expect(fromCsv.train.count).toBe(150);
    expect(fromCsv.sampleShape).toEqual([4]);
    expect(fromCsv.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([...fromCsv.train.x]).toEqual([...bundled.train.x]);
    expect([...fromCsv.train.y]).toEqual([...bundled.train.y]);
  });

  it('uses the listed feature columns in the given order, by name or position', async () => {
    const byName = await loadDataset({ type: 'csv', path: houses, target: 'price', task: 'regression', features: ['area', 'rooms'], standardize: false });
    expect(byName.sampleShape).toEqual([2]);
    expect([...byName.train.x.subarray(0, 4)]).toEqual([70, 3, 50, 2]);
    expect([...byName.train.y]).toEqual([300, 150, 420, 120, 210, 500]);
    expect(byName.classes).toBeUndefined();
    const byPosition = await loadDataset({ type: 'csv', path: houses, target: 3, task: 'regression', features: [2, 0], standardize: false });
    expect([...byPosition.train.x]).toEqual([...byName.train.x]);
  });

  it('one-hot encodes categorical columns (categories sorted) and scales only the numeric ones', async () => {
    const data = await loadDataset({ type: 'csv', path: houses, target: 'price', task: 'regression', categorical: ['city'] });
    // rooms | city=lyon city=nice city=paris | area
    expect(data.sampleShape).toEqual([5]);
    const row = (i: number) => [...data.train.x.subarray(i * 5, i * 5 + 5)];
    expect(row(0).slice(1, 4)).toEqual([0, 0, 1]);
    expect(row(1).slice(1, 4)).toEqual([1, 0, 0]);
    expect(row(3).slice(1, 4)).toEqual([0, 1, 0]);
    const { mean, std } = columnStats(data.train.x, 5);
    for (const j of [0, 4]) {
      expect(Math.abs(mean[j])).toBeLessThan(1e-6);
      expect(std[j]).toBeCloseTo(1, 5);
    }
    expect(mean[1]).toBeCloseTo(1 / 3, 6); // one-hot columns stay 0/1
  });

  it('normalizes to [0, 1] with train min/max when asked instead of standardizing', async () => {
    const data = await loadDataset({ type: 'csv', path: houses, target: 'price', task: 'regression', features: ['rooms', 'area'], standardize: false, normalize: true });
    expect([...data.train.x.subarray(0, 4)]).toEqual([0.5, Math.fround(40 / 90), 0.25, Math.fround(20 / 90)]);
    expect(Math.min(...data.train.x)).toBe(0);
    expect(Math.max(...data.train.x)).toBe(1);
  });

  it('refuses standardize and normalize together', async () => {
    await expect(loadDataset({ type: 'csv', path: houses, target: 'price', normalize: true })).rejects.toThrow(
      'csv dataset: standardize and normalize are exclusive, but both are true',
    );
  });

  it('label-encodes a class target and splits train/test reproducibly by seed', async () => {
    const spec = { type: 'csv', path: 'data/iris.csv', target: 'species', test_split: 0.3 };
    const a = await loadDataset(spec, { baseDir: examplesDir, seed: 11 });
    const b = await loadDataset(spec, { baseDir: examplesDir, seed: 11 });
    expect(a.train.count).toBe(105);
    expect(a.test!.count).toBe(45);
    expect([...a.test!.y]).toEqual([...b.test!.y]);
    expect([...a.train.x]).toEqual([...b.train.x]);
    expect(a.classes).toBe(3);
  });

  it('reads files without a header and with another delimiter', async () => {
    const file = csvFile('plain.csv', '1;2;a\n3;4;b\n5;6;a\n');
    const data = await loadDataset({ type: 'csv', path: file, target: 2, header: false, delimiter: ';', standardize: false });
    expect([...data.train.x]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...data.train.y]).toEqual([0, 1, 0]);
    expect(data.classNames).toEqual(['a', 'b']);
  });
});

describe('csv dataset errors', () => {
  it('names file, line and column of a value that is not a number', async () => {
    const file = csvFile('bad-number.csv', 'a,b,label\n1,2,x\n\n3,oops,y\n');
    await expect(loadDataset({ type: 'csv', path: file, target: 'label' })).rejects.toThrow(
      `csv dataset: ${file}:4: row 2, column "b": cannot parse "oops" as a number`,
    );
  });

  it('names file, line and column of an empty cell', async () => {
    const file = csvFile('missing.csv', 'a,b,label\n1,2,x\n3,,y\n');
    await expect(loadDataset({ type: 'csv', path: file, target: 'label' })).rejects.toThrow(`csv dataset: ${file}:3: row 2, column "b" is empty`);
  });

  it('suggests the nearest column name for an unknown one', async () => {
    await expect(loadDataset({ type: 'csv', path: houses, target: 'prise' })).rejects.toThrow(
      `csv dataset: data.target: unknown column "prise" in ${houses} — did you mean "price"?`,
    );
    await expect(loadDataset({ type: 'csv', path: houses, target: 'price', features: ['rooms', 'aera'] })).rejects.toThrow(
      'data.features[1]: unknown column "aera"',
    );
    await expect(loadDataset({ type: 'csv', path: houses, target: 'price', features: ['rooms', 'area'], categorical: ['city'] })).rejects.toThrow(
      'csv dataset: categorical column "city" is not one of the features',
    );
  });

  it('reports empty files and header-only files', async () => {
    const empty = csvFile('empty.csv', '\n\n');
    await expect(loadDataset({ type: 'csv', path: empty, target: 'y' })).rejects.toThrow(`csv dataset: ${empty} is empty`);
    const headerOnly = csvFile('header-only.csv', 'x,y\n');
    await expect(loadDataset({ type: 'csv', path: headerOnly, target: 'y' })).rejects.toThrow(`csv dataset: ${headerOnly} is empty: it has a header but no data rows`);
  });

  it('says which path it tried for a missing file', async () => {
    const err = await loadDataset({ type: 'csv', path: 'nowhere/data.csv', target: 'y' }, { baseDir: dir }).catch((e) => e);
    expect(err.kind).toBe('data');
    expect(err.message).toBe(`csv dataset: cannot read "nowhere/data.csv" (tried ${join(dir, 'nowhere/data.csv')}): no such file`);
    expect(err.hint).toContain(dir);
  });

  it('reports rows with the wrong number of cells', async () => {
    const file = csvFile('ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
    await expect(loadDataset({ type: 'csv', path: file, target: 'c' })).rejects.toThrow(`csv dataset: ${file}:3: Invalid Record Length: expect 3, got 2 on line 3`);
  });

  it('rejects regression targets that are not numbers, and a single-class target', async () => {
    await expect(loadDataset({ type: 'csv', path: houses, target: 'city', task: 'regression' })).rejects.toThrow(
      `csv dataset: ${houses}:2: row 1, column "city": cannot parse "paris" as a number`,
    );
    const one = csvFile('one-class.csv', 'a,y\n1,k\n2,k\n');
    await expect(loadDataset({ type: 'csv', path: one, target: 'y' })).rejects.toThrow('has a single class ("k")');
  });
});
