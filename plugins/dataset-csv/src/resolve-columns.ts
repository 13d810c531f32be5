import { HyperspecError } from '@hyperspec/core';
import { nearest } from '@hyperspec/core/spec';
import type { CsvTable } from './read-csv-table.js';

/** A column as named in a spec: its header name, or its 0-based position. */
export type ColumnRef = string | number;

/** Finds a column's position; an unknown name is a data error suggesting the nearest header name. */
export function columnIndex(table: CsvTable, ref: ColumnRef, option: string): number {
  if (typeof ref === 'number') {
    if (ref < table.columns.length) return ref;
    throw new HyperspecError('data', `csv dataset: ${option}: column ${ref} does not exist in ${table.file} (it has ${table.columns.length} columns, numbered from 0)`, {
      location: { path: option },
    });
  }
  const j = table.columns.indexOf(ref);
  if (j >= 0) return j;
  const suggestion = nearest(ref, table.columns);
  throw new HyperspecError('data', `csv dataset: ${option}: unknown column "${ref}" in ${table.file}${suggestion ? ` — did you mean "${suggestion}"?` : ''}`, {
    location: { path: option },
    hint: `the columns are ${table.columns.map((c) => JSON.stringify(c)).join(', ')}`,
  });
}

/** The columns the dataset uses. */
export interface ColumnPlan {
  target: number;
  features: number[];
  /** Positions (within `features`) of the columns to one-hot encode. */
  categorical: Set<number>;
}

/**
 * Resolves `target`, `features` (default: every column but the target) and `categorical` to column
 * positions, rejecting duplicates, a target used as a feature, and categorical columns that are not
 * features.
 */
export function planColumns(table: CsvTable, target: ColumnRef, features: ColumnRef[] | undefined, categorical: ColumnRef[], specPath: string): ColumnPlan {
  const t = columnIndex(table, target, `${specPath}.target`);
  const f = features
    ? features.map((ref, i) => columnIndex(table, ref, `${specPath}.features[${i}]`))
    : table.columns.map((_, j) => j).filter((j) => j !== t);
  const seen = new Set<number>();
  for (const j of f) {
    if (j === t) throw new HyperspecError('data', `csv dataset: column "${table.columns[j]}" is the target, so it cannot also be a feature`, { location: { path: `${specPath}.features` } });
    if (seen.has(j)) throw new HyperspecError('data', `csv dataset: column "${table.columns[j]}" is listed twice in features`, { location: { path: `${specPath}.features` } });
    seen.add(j);
  }
  if (f.length === 0) throw new HyperspecError('data', `csv dataset: no feature columns (the file ${table.file} has only the target column)`, { location: { path: `${specPath}.features` } });
  const cat = new Set<number>();
  categorical.forEach((ref, i) => {
    const j = columnIndex(table, ref, `${specPath}.categorical[${i}]`);
    const k = f.indexOf(j);
    if (k < 0) {
      throw new HyperspecError('data', `csv dataset: categorical column "${table.columns[j]}" is not one of the features`, {
        location: { path: `${specPath}.categorical[${i}]` },
        hint: j === t ? 'the target is label-encoded on its own for classification; list only feature columns here' : 'add it to features, or remove it from categorical',
      });
    }
    cat.add(k);
  });
  return { target: t, features: f, categorical: cat };
}
