import { HyperspecError, type ArraySplit, type DataSplits, type Rng } from '@hyperspec/core';
import { encodeLabels, fitOneHot, oneHotInto, trainTestIndices, type OneHotEncoder } from '@hyperspec/core/data';
import { takeSamples } from '@hyperspec/core/run';
import { applyScaling, type Scaling } from './feature-scaling.js';
import type { CsvTable } from './read-csv-table.js';
import type { ColumnPlan } from './resolve-columns.js';

export interface TablePreprocessing {
  task: 'classification' | 'regression';
  testSplit: number;
  scaling: Scaling;
  rng: Rng;
  /** Spec path of the dataset node, for messages. */
  specPath: string;
}

/** Parses one cell as a finite number, or fails naming file, line and column. */
function parseCell(table: CsvTable, row: number, col: number, hint: string): number {
  const raw = table.rows[row][col];
  const name = table.columns[col];
  const at = `csv dataset: ${table.file}:${table.lines[row]}: column "${name}"`;
  if (raw === '') throw new HyperspecError('data', `${at} is empty`, { hint: 'fill in the missing value or remove the row' });
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new HyperspecError('data', `${at}: cannot parse "${raw}" as a number`, { hint });
  return value;
}

/** Class indices (classification) or numeric values (regression) of the target column. */
function encodeTargets(table: CsvTable, plan: ColumnPlan, prep: TablePreprocessing): { y: Float32Array; classNames?: string[] } {
  const t = plan.target;
  if (prep.task === 'regression') {
    const y = new Float32Array(table.rows.length);
    for (let r = 0; r < y.length; r++) y[r] = parseCell(table, r, t, 'regression targets must be numbers; use task: classification for class labels');
    return { y };
  }
  const labels = table.rows.map((row, r) => {
    if (row[t] === '') throw new HyperspecError('data', `csv dataset: ${table.file}:${table.lines[r]}: the target column "${table.columns[t]}" is empty`);
    return row[t];
  });
  const { indices, classNames } = encodeLabels(labels);
  if (classNames.length < 2) {
    throw new HyperspecError('data', `csv dataset: the target column "${table.columns[t]}" of ${table.file} has a single class ("${classNames[0]}")`, {
      location: { path: `${prep.specPath}.target` },
      hint: 'classification needs at least two classes; for numeric targets use task: regression',
    });
  }
  return { y: indices, classNames };
}

/**
 * Turns a parsed table into splits: targets encoded, a seeded (stratified, for classification) test
 * split, categorical features one-hot encoded with the categories of the train rows (a category seen only
 * in test encodes as all zeros), numeric features scaled with train statistics. One-hot columns stay 0/1.
 */
export function tableToSplits(table: CsvTable, plan: ColumnPlan, prep: TablePreprocessing): { data: DataSplits; featureNames: string[] } {
  const n = table.rows.length;
  const { y, classNames } = encodeTargets(table, plan, prep);
  const parts = trainTestIndices(n, prep.testSplit, prep.rng, classNames ? y : undefined);
  if (prep.testSplit > 0 && (parts.test.length === 0 || parts.train.length === 0)) {
    throw new HyperspecError('data', `csv dataset: test_split ${prep.testSplit} of ${n} rows leaves ${parts.train.length} train and ${parts.test.length} test rows`, {
      location: { path: `${prep.specPath}.test_split` },
      hint: 'use more rows or a different test_split',
    });
  }

  // Column layout: each numeric feature takes one column, each categorical one column per category.
  const encoders = new Map<number, OneHotEncoder>();
  const offsets: number[] = [];
  const numericColumns: number[] = [];
  const featureNames: string[] = [];
  let width = 0;
  plan.features.forEach((col, k) => {
    offsets.push(width);
    const name = table.columns[col];
    if (plan.categorical.has(k)) {
      const enc = fitOneHot(Array.from(parts.train, (r) => table.rows[r][col]));
      encoders.set(k, enc);
      featureNames.push(...enc.categories.map((c) => `${name}=${c}`));
      width += enc.categories.length;
    } else {
      numericColumns.push(width);
      featureNames.push(name);
      width += 1;
    }
  });

  const x = new Float32Array(n * width);
  const numericHint = (name: string) => `list "${name}" under categorical to one-hot encode it, or fix the value`;
  for (let r = 0; r < n; r++) {
    plan.features.forEach((col, k) => {
      const enc = encoders.get(k);
      if (enc) oneHotInto(table.rows[r][col], enc, x, r * width + offsets[k]);
      else x[r * width + offsets[k]] = parseCell(table, r, col, numericHint(table.columns[col]));
    });
  }

  const all: ArraySplit = { x, y, count: n };
  const train = takeSamples(all, parts.train, width, 1);
  const test = parts.test.length > 0 ? takeSamples(all, parts.test, width, 1) : undefined;
  applyScaling({ train, test }, width, prep.scaling, numericColumns);
  const data: DataSplits = { train, sampleShape: [width], targetShape: [] };
  if (test) data.test = test;
  if (classNames) {
    data.classes = classNames.length;
    data.classNames = classNames;
  }
  return { data, featureNames };
}
