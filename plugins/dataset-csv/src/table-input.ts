import type { ComponentDescriptor, CreateContext, InputReader } from '@hyperspec/core';
import { TableReader } from './table-reader.js';

/** A feature column as the model bundle records it: numeric, or categorical with its fitted categories. */
export interface TableColumn {
  name: string;
  /** Present for a categorical column: the categories seen in the train rows, in one-hot order. */
  categories?: string[];
}

/** The fitted state a table dataset stores for reading raw rows (`preprocessing.input` in model.json). */
// A type alias (not an interface) so it is assignable to the generic `InputNode`.
export type TableInputOptions = {
  type: 'table';
  /** The feature columns, in the model's input order. */
  columns: TableColumn[];
  /** The target column; an input may have it (it is then read as the true target) or not. */
  target?: string;
  /** Every column of the training file, so an input with a column the model does not use is not refused. */
  file_columns: string[];
  delimiter: string;
  /** Whether CSV inputs start with a header row (without one, cells are matched to `file_columns` by position). */
  header: boolean;
};

export const tableInputSchema = {
  $id: 'hyperspec:input/table',
  type: 'object',
  properties: {
    columns: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1 },
          categories: { type: 'array', items: { type: 'string' } },
        },
        required: ['name'],
        additionalProperties: false,
      },
      description: 'Feature columns in input order; a categorical one lists its categories',
    },
    target: { type: 'string', description: 'The target column (optional in inputs)' },
    file_columns: { type: 'array', items: { type: 'string' }, description: 'Every column of the training file' },
    delimiter: { type: 'string', minLength: 1, default: ',' },
    header: { type: 'boolean', default: true },
  },
  required: ['columns', 'file_columns'],
  additionalProperties: false,
} as const;

/** Reads CSV files, JSON-lines files and in-memory rows for models trained on tables (csv, iris). */
export const tableInput: ComponentDescriptor<InputReader, TableInputOptions> = {
  kind: 'input',
  type: 'table',
  description: 'Table rows for prediction: CSV with the training columns, JSON lines of {column: value} objects, or objects in code',
  schema: tableInputSchema,
  create: (options: TableInputOptions, _ctx: CreateContext) => new TableReader(options),
};
