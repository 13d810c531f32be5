import { HyperspecError } from '@hyperspec/core';
import { readDataFile } from '@hyperspec/core/data';
import { parse, type CsvError } from 'csv-parse/sync';

/** A parsed CSV file: column names and the raw (trimmed) cell strings of each data row. */
export interface CsvTable {
  /** Absolute path of the file, for messages. */
  file: string;
  columns: string[];
  rows: string[][];
  /** 1-based line number in the file where each row ends, for messages. */
  lines: number[];
}

export interface ReadCsvOptions {
  path: string;
  baseDir?: string;
  delimiter: string;
  header: boolean;
  /** Spec path of the dataset node, e.g. `data`. */
  specPath: string;
  /** The option that names the file (default `path`). */
  option?: string;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Reads and parses a CSV file. Empty lines are skipped, cells are trimmed, a UTF-8 byte-order mark is
 * dropped. Without a header the columns are named by their 0-based position ("0", "1", ...).
 */
export async function readCsvTable(options: ReadCsvOptions): Promise<CsvTable> {
  const optionPath = `${options.specPath}.${options.option ?? 'path'}`;
  const { file, bytes } = await readDataFile({ path: options.path, baseDir: options.baseDir, component: 'csv dataset', specPath: optionPath });
  const where = { location: { path: optionPath } };
  let records: ParsedRecord[];
  try {
    records = parse(bytes, { delimiter: options.delimiter, info: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as ParsedRecord[];
  } catch (e) {
    const err = e as CsvError;
    const line = typeof err.lines === 'number' ? `:${err.lines}` : '';
    throw new HyperspecError('data', `csv dataset: ${file}${line}: ${err.message}`, {
      ...where,
      hint: err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? `every row needs the same number of cells; check the delimiter (now ${JSON.stringify(options.delimiter)}) and quoting` : undefined,
      cause: e,
    });
  }
  if (records.length === 0) {
    throw new HyperspecError('data', `csv dataset: ${file} is empty`, { ...where, hint: 'the file has no rows (only blank lines or nothing at all)' });
  }
  let columns: string[];
  if (options.header) {
    columns = records.shift()!.record;
    const seen = new Set<string>();
    columns.forEach((name, j) => {
      if (name === '') throw new HyperspecError('data', `csv dataset: ${file}:1: column ${j + 1} has an empty name in the header`, where);
      if (seen.has(name)) throw new HyperspecError('data', `csv dataset: ${file}:1: column name "${name}" appears twice in the header`, where);
      seen.add(name);
    });
    if (records.length === 0) {
      throw new HyperspecError('data', `csv dataset: ${file} is empty: it has a header but no data rows`, { ...where, hint: 'set header: false if the first line is data' });
    }
  } else {
    columns = records[0].record.map((_, j) => String(j));
  }
  return { file, columns, rows: records.map((r) => r.record), lines: records.map((r) => r.info.lines) };
}
