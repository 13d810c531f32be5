import { constants } from 'node:buffer';
import { HyperspecError, type InputReader, type RawInputs } from '@hyperspec/core';
import { readRegularFile } from '@hyperspec/core/run';
import { nearest } from '@hyperspec/core/spec';
import { parse, type CsvError } from 'csv-parse/sync';
import { parseNumberCell } from './table-cells.js';
import type { TableInputOptions } from './table-input.js';

const isJsonLines = (file: string) => /\.(jsonl|ndjson)$/i.test(file);

/**
 * Reads raw table rows for a trained model. A row's feature values become one raw vector: numbers as
 * they are, a categorical value as its index among the fitted categories (−1 for one never seen, which
 * the one-hot step turns into zeros, as in training). A missing or unknown column, an empty or
 * non-numeric cell, or an empty input is a data error naming the file, line and column.
 */
export class TableReader implements InputReader {
  private readonly index = new Map<string, number>();
  private readonly categories: (Map<string, number> | undefined)[];

  constructor(private readonly o: TableInputOptions) {
    o.columns.forEach((c, k) => this.index.set(c.name, k));
    this.categories = o.columns.map((c) => (c.categories ? new Map(c.categories.map((v, i) => [v, i])) : undefined));
  }

  async readFile(file: string): Promise<RawInputs> {
    // A regular file no longer than a string may be (a directory, FIFO or device is refused by name).
    const text = readRegularFile(file, { maxBytes: constants.MAX_STRING_LENGTH, what: 'input file' }).toString('utf8');
    return isJsonLines(file) ? this.readJsonLines(file, text) : this.readCsv(file, text);
  }

  readRows(rows: readonly unknown[]): RawInputs {
    if (rows.length === 0) throw new HyperspecError('data', 'predict: no rows given');
    const out = this.begin(rows.length);
    rows.forEach((row, i) => {
      const at = `row ${i}`;
      if (Array.isArray(row)) {
        if (row.length !== this.o.columns.length) {
          throw new HyperspecError('data', `${at}: ${row.length} values, but the model reads ${this.o.columns.length} columns (${this.names()})`);
        }
        row.forEach((v, k) => this.put(out, i, k, v, `${at}, column "${this.o.columns[k].name}"`));
      } else if (typeof row === 'object' && row !== null) {
        this.putObject(out, i, row as Record<string, unknown>, at);
      } else {
        throw new HyperspecError('data', `${at}: expected an object {column: value} or an array of ${this.o.columns.length} values, got ${JSON.stringify(row)}`);
      }
    });
    return this.finishTargets(out);
  }

  private names(): string {
    return this.o.columns.map((c) => c.name).join(', ');
  }

  private begin(count: number): RawInputs & { targets: string[] } {
    return { x: new Float32Array(count * this.o.columns.length), count, targets: [], sources: [] };
  }

  /** Stores one value of column `k` of sample `i`, checking it. */
  private put(out: RawInputs, i: number, k: number, value: unknown, at: string): void {
    const cats = this.categories[k];
    const w = this.o.columns.length;
    if (value === null || value === undefined || value === '') throw new HyperspecError('data', `${at} is empty`, { hint: 'fill in the missing value or remove the row' });
    if (cats) {
      out.x[i * w + k] = cats.get(String(value)) ?? -1;
      return;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new HyperspecError('data', `${at}: ${value} is not a finite number`);
      out.x[i * w + k] = value;
      return;
    }
    if (typeof value !== 'string') throw new HyperspecError('data', `${at}: expected a number, got ${JSON.stringify(value)}`);
    out.x[i * w + k] = parseNumberCell(value, at, 'the model was trained on numbers in this column');
  }

  private putObject(out: RawInputs & { targets?: string[] }, i: number, row: Record<string, unknown>, at: string): void {
    const known = new Set(this.o.file_columns);
    for (const key of Object.keys(row)) {
      if (!this.index.has(key) && !known.has(key)) throw this.unknownColumn(key, at);
    }
    this.o.columns.forEach((c, k) => {
      if (!(c.name in row)) throw new HyperspecError('data', `${at}: column "${c.name}" is missing`, { hint: `the model reads the columns ${this.names()}` });
      this.put(out, i, k, row[c.name], `${at}, column "${c.name}"`);
    });
    // A row without the target gets '' (evaluate names it); predict does not need targets.
    if (this.o.target !== undefined) out.targets?.push(row[this.o.target] === undefined || row[this.o.target] === null ? '' : String(row[this.o.target]));
  }

  private unknownColumn(name: string, at: string): HyperspecError {
    const guess = nearest(name, this.o.file_columns);
    return new HyperspecError('data', `${at}: unknown column "${name}"${guess ? ` — did you mean "${guess}"?` : ''}`, {
      hint: `the model was trained on the columns ${this.o.file_columns.join(', ')}`,
    });
  }

  private readJsonLines(file: string, text: string): RawInputs {
    const lines = text.split(/\r?\n/);
    const rows: { line: number; value: Record<string, unknown> }[] = [];
    lines.forEach((l, j) => {
      if (l.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(l);
      } catch (e) {
        throw new HyperspecError('data', `${file}:${j + 1}: not valid JSON: ${(e as Error).message}`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HyperspecError('data', `${file}:${j + 1}: expected an object {column: value}, got ${l.slice(0, 60)}`);
      rows.push({ line: j + 1, value: value as Record<string, unknown> });
    });
    if (rows.length === 0) throw new HyperspecError('data', `${file} is empty: no rows to predict`);
    const out = this.begin(rows.length);
    rows.forEach((r, i) => {
      this.putObject(out, i, r.value, `${file}:${r.line}`);
      out.sources!.push(`${file}:${r.line}`);
    });
    return this.finishTargets(out);
  }

  private readCsv(file: string, text: string): RawInputs {
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(text, { delimiter: this.o.delimiter, info: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as typeof records;
    } catch (e) {
      const err = e as CsvError;
      throw new HyperspecError('data', `${file}${typeof err.lines === 'number' ? `:${err.lines}` : ''}: ${err.message}`, { cause: e });
    }
    if (records.length === 0 || (this.o.header && records.length === 1)) {
      throw new HyperspecError('data', `${file} is empty: no rows to predict`, { hint: this.o.header ? 'the first line must name the columns, the rows follow' : undefined });
    }
    const header = this.o.header ? records.shift()!.record : this.positionalHeader(file, records[0].record.length);
    const position = new Map<string, number>();
    const known = new Set(this.o.file_columns);
    header.forEach((name, j) => {
      if (!known.has(name)) throw this.unknownColumn(name, `${file}:1: column ${j + 1}`);
      if (position.has(name)) throw new HyperspecError('data', `${file}:1: column "${name}" appears twice in the header`);
      position.set(name, j);
    });
    for (const c of this.o.columns) {
      if (!position.has(c.name)) throw new HyperspecError('data', `${file}:1: column "${c.name}" is missing from the header`, { hint: `the model reads the columns ${this.names()}` });
    }
    const out = this.begin(records.length);
    const t = this.o.target !== undefined ? position.get(this.o.target) : undefined;
    records.forEach(({ record, info }, i) => {
      this.o.columns.forEach((c, k) => {
        const j = position.get(c.name)!;
        this.put(out, i, k, record[j], `${file}:${info.lines}: column "${c.name}" (column ${j + 1})`);
      });
      if (t !== undefined) out.targets.push(record[t]);
      out.sources!.push(`${file}:${info.lines}`);
    });
    return this.finishTargets(out);
  }

  /** Without a header, cells are the training file's columns by position, with or without the target. */
  private positionalHeader(file: string, cells: number): string[] {
    const all = this.o.file_columns;
    if (cells === all.length) return all;
    const withoutTarget = all.filter((c) => c !== this.o.target);
    if (cells === withoutTarget.length) return withoutTarget;
    throw new HyperspecError('data', `${file}:1: ${cells} cells, but rows of the training file had ${all.length} (or ${withoutTarget.length} without the target)`);
  }

  /** The targets, when at least one row has one ('' marks a row without). */
  private finishTargets(out: RawInputs & { targets: string[] }): RawInputs {
    return out.targets.some((t) => t !== '') ? out : { ...out, targets: undefined };
  }
}
