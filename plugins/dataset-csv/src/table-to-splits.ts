import { HyperspecError, type ArraySplit, type DataSplits, type Rng } from '@hyperspec/core';
import {
  applyPreprocessing, encodeLabels, fitOneHot, trainTestIndices, validationIndices,
  type OneHotEncoder, type Preprocessing, type PreprocessingStep, type ValidationRequest,
} from '@hyperspec/core/data';
import { scalingStep, type Scaling } from './feature-scaling.js';
import type { CsvTable } from './read-csv-table.js';
import type { ColumnPlan } from './resolve-columns.js';
import { parseNumberCell } from './table-cells.js';
import type { TableColumn, TableInputOptions } from './table-input.js';

export interface TablePreprocessing {
  task: 'classification' | 'regression';
  testSplit: number;
  scaling: Scaling;
  rng: Rng;
  /** Spec path of the dataset node, for messages. */
  specPath: string;
  delimiter: string;
  header: boolean;
  /** The run's validation split, carved from the training rows before anything is fitted. */
  validation?: ValidationRequest;
}

/** Most classes a CSV target may have: more distinct labels almost always mean a numeric column read as classes. */
export const MAX_CSV_CLASSES = 10_000;

/** Parses one cell as a finite number, or fails naming file, line and column. */
function parseCell(table: CsvTable, row: number, col: number, hint: string): number {
  return parseNumberCell(table.rows[row][col], `csv dataset: ${table.file}:${table.lines[row]}: row ${row + 1}, column "${table.columns[col]}"`, hint);
}

/** Class indices (classification) or numeric values (regression) of the target column. */
function encodeTargets(table: CsvTable, plan: ColumnPlan, prep: TablePreprocessing, classNames?: string[]): { y: Float32Array; classNames?: string[] } {
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
  const encoded = encodeLabels(labels, classNames);
  if (encoded.classNames.length > MAX_CSV_CLASSES) {
    throw new HyperspecError('data', `csv dataset: the target column "${table.columns[t]}" of ${table.file} has ${encoded.classNames.length} distinct labels; classification supports at most ${MAX_CSV_CLASSES} classes`, {
      location: { path: `${prep.specPath}.target` },
      hint: 'for a numeric target use task: regression',
    });
  }
  if (encoded.classNames.length < 2) {
    throw new HyperspecError('data', `csv dataset: the target column "${table.columns[t]}" of ${table.file} has a single class ("${encoded.classNames[0]}")`, {
      location: { path: `${prep.specPath}.target` },
      hint: 'classification needs at least two classes; for numeric targets use task: regression',
    });
  }
  return { y: encoded.indices, classNames: encoded.classNames };
}

/** Raw feature values of the given rows: numbers as they are, categories as their index (−1 if unseen). */
function rawMatrix(table: CsvTable, plan: ColumnPlan, rows: ArrayLike<number>, encoders: Map<number, OneHotEncoder>): Float32Array {
  const width = plan.features.length;
  const x = new Float32Array(rows.length * width);
  const numericHint = (name: string) => `list "${name}" under categorical to one-hot encode it, or fix the value`;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    plan.features.forEach((col, k) => {
      const enc = encoders.get(k);
      x[i * width + k] = enc ? (enc.index.get(table.rows[r][col]) ?? -1) : parseCell(table, r, col, numericHint(table.columns[col]));
    });
  }
  return x;
}

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/**
 * Turns a parsed table (and optionally a separate test table with the same columns) into splits:
 * targets encoded, a seeded (stratified, for classification) test split, then the fitted preprocessing —
 * categories of the train rows one-hot encoded (a category seen only in test encodes as all zeros),
 * numeric features scaled with train statistics, one-hot columns left 0/1 — returned with the splits.
 */
export function tableToSplits(table: CsvTable, plan: ColumnPlan, prep: TablePreprocessing, testTable?: CsvTable): { data: DataSplits; featureNames: string[] } {
  const n = table.rows.length;
  const { y, classNames } = encodeTargets(table, plan, prep);
  const testY = testTable ? encodeTargets(testTable, plan, prep, classNames).y : undefined;
  const split = testTable ? { train: all(n), test: all(0) } : trainTestIndices(n, prep.testSplit, prep.rng, classNames ? y : undefined, `${prep.specPath}.test_split`);
  // Validation rows are carved from the training rows before categories and scaling are fitted.
  const held = prep.validation ? validationIndices(split.train.length, prep.validation) : undefined;
  const parts = { train: held ? Int32Array.from(held.train, (i) => split.train[i]) : split.train, test: split.test };
  const validationRows = held ? Int32Array.from(held.validation, (i) => split.train[i]) : undefined;
  if (prep.testSplit > 0 && (parts.test.length === 0 || parts.train.length === 0)) {
    throw new HyperspecError('data', `csv dataset: test_split ${prep.testSplit} of ${n} rows leaves ${parts.train.length} train and ${parts.test.length} test rows`, {
      location: { path: `${prep.specPath}.test_split` },
      hint: 'use more rows or a different test_split',
    });
  }

  const encoders = new Map<number, OneHotEncoder>();
  const columns: TableColumn[] = [];
  const featureNames: string[] = [];
  const numeric: number[] = [];
  plan.features.forEach((col, k) => {
    const name = table.columns[col];
    if (plan.categorical.has(k)) {
      const enc = fitOneHot(Array.from(parts.train, (r) => table.rows[r][col]));
      encoders.set(k, enc);
      columns.push({ name, categories: enc.categories });
      featureNames.push(...enc.categories.map((c) => `${name}=${c}`));
    } else {
      numeric.push(k);
      columns.push({ name });
      featureNames.push(name);
    }
  });

  const width = plan.features.length;
  const take = (t: CsvTable, rows: ArrayLike<number>, targets: Float32Array): ArraySplit => ({
    x: rawMatrix(t, plan, rows, encoders),
    y: Float32Array.from(rows, (r) => targets[r]),
    count: rows.length,
  });
  const train = take(table, parts.train, y);
  const validation = validationRows ? take(table, validationRows, y) : undefined;
  const test = testTable ? take(testTable, all(testTable.rows.length), testY!) : parts.test.length > 0 ? take(table, parts.test, y) : undefined;

  const steps: PreprocessingStep[] = scalingStep(train.x, width, prep.scaling, numeric);
  if (encoders.size > 0) steps.push({ op: 'one_hot', columns: [...encoders].map(([k, e]) => ({ column: k, categories: e.categories.length })).sort((a, b) => a.column - b.column) });
  const input: TableInputOptions = {
    type: 'table',
    columns,
    target: table.columns[plan.target],
    file_columns: [...table.columns],
    delimiter: prep.delimiter,
    header: prep.header,
  };
  const preprocessing: Preprocessing = { input, raw_shape: [width], steps };
  const prepare = (s: ArraySplit): ArraySplit => ({ ...s, x: applyPreprocessing(steps, s.x, s.count, width) });
  const data: DataSplits = { train: prepare(train), sampleShape: [featureNames.length], targetShape: [], preprocessing };
  if (validation) data.validation = prepare(validation);
  if (test) data.test = prepare(test);
  if (classNames) {
    data.classes = classNames.length;
    data.classNames = classNames;
  }
  return { data, featureNames };
}
