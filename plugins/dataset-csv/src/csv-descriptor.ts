import { HyperspecError, Rng, type ComponentDescriptor, type Dataset, type DatasetContext } from '@hyperspec/core';
import { scalingOf } from './feature-scaling.js';
import { readCsvTable } from './read-csv-table.js';
import { planColumns, type ColumnRef } from './resolve-columns.js';
import { tableToSplits } from './table-to-splits.js';

export interface CsvOptions {
  path: string;
  target: ColumnRef;
  features?: ColumnRef[];
  categorical: ColumnRef[];
  task: 'classification' | 'regression';
  standardize: boolean;
  normalize: boolean;
  test_split: number;
  test_path?: string;
  delimiter: string;
  header: boolean;
}

const columnRef = (what: string) => ({
  type: ['string', 'integer'],
  minLength: 1,
  minimum: 0,
  maximum: 1000000,
  description: `${what}: a header name, or a 0-based column position`,
});

export const csvSchema = {
  $id: 'hyperspec:dataset/csv',
  type: 'object',
  properties: {
    path: { type: 'string', minLength: 1, description: "CSV file to read; a relative path is resolved against the spec file's directory" },
    target: columnRef('Column to predict'),
    features: {
      type: 'array',
      items: columnRef('A feature column'),
      minItems: 1,
      uniqueItems: true,
      description: 'Input columns, in this order (default: every column except the target, in file order)',
    },
    categorical: {
      type: 'array',
      items: columnRef('A categorical feature column'),
      uniqueItems: true,
      default: [],
      description: 'Feature columns holding categories, one-hot encoded with the categories seen in the train rows',
    },
    task: {
      enum: ['classification', 'regression'],
      default: 'classification',
      description: 'classification: the target holds class labels (any strings, encoded as indices in sorted order); regression: numbers',
    },
    standardize: { type: 'boolean', default: true, description: 'Scale numeric features to zero mean and unit variance with train-split statistics' },
    normalize: {
      type: 'boolean',
      default: false,
      description: 'Scale numeric features to [0, 1] with the train split min/max (exclusive with standardize: set standardize: false)',
    },
    test_split: {
      type: 'number',
      minimum: 0,
      maximum: 0.9,
      default: 0,
      description: 'Fraction of rows held out as the test split (seeded; stratified by class for classification)',
    },
    test_path: {
      type: 'string',
      minLength: 1,
      description: 'A second CSV file with the same columns, used as the test split (instead of test_split); relative to the spec file',
    },
    delimiter: { type: 'string', minLength: 1, maxLength: 4, default: ',', description: 'Cell delimiter, e.g. "," or ";" or "\\t"' },
    header: { type: 'boolean', default: true, description: 'Whether the first row names the columns (without one, columns are named "0", "1", ...)' },
  },
  required: ['path', 'target'],
  additionalProperties: false,
} as const;

/** Tabular data from a CSV file. */
export const csvDataset: ComponentDescriptor<Dataset, CsvOptions> = {
  kind: 'dataset',
  type: 'csv',
  description: 'Tabular data from a CSV file: numeric and one-hot categorical features, class or numeric target',
  schema: csvSchema,
  create(options: CsvOptions, ctx: DatasetContext): Dataset {
    const scaling = scalingOf(options, 'csv dataset', ctx.path);
    if (options.test_path !== undefined && options.test_split > 0) {
      throw new HyperspecError('spec', 'csv dataset: test_path and test_split both choose the test split; give one of them', { location: { path: `${ctx.path}.test_path` } });
    }
    const rng = ctx.rng ?? new Rng(0);
    return {
      async load() {
        const read = (path: string, option: string) => readCsvTable({ path, baseDir: ctx.baseDir, delimiter: options.delimiter, header: options.header, specPath: ctx.path, option });
        const table = await read(options.path, 'path');
        const plan = planColumns(table, options.target, options.features, options.categorical, ctx.path);
        const testTable = options.test_path === undefined ? undefined : await read(options.test_path, 'test_path');
        if (testTable && testTable.columns.join('\u0000') !== table.columns.join('\u0000')) {
          throw new HyperspecError('data', `csv dataset: ${testTable.file} has the columns ${testTable.columns.join(', ')}, but ${table.file} has ${table.columns.join(', ')}`, {
            location: { path: `${ctx.path}.test_path` },
            hint: 'the test file needs the same columns in the same order',
          });
        }
        const prep = { task: options.task, testSplit: options.test_split, scaling, rng, specPath: ctx.path, delimiter: options.delimiter, header: options.header, validation: ctx.validation };
        const { data, featureNames } = tableToSplits(table, plan, prep, testTable);
        ctx.logger.debug({ file: table.file, rows: table.rows.length, features: featureNames, classes: data.classNames }, 'csv dataset loaded');
        return data;
      },
    };
  },
};
