import { constants } from 'node:buffer';
import { HyperspecError, type InputReader, type RawInputs } from '@hyperspec/core';
import { readRegularFile } from '@hyperspec/core/run';
import type { TextInputOptions } from './text-input.js';
import { tokenize } from './tokenize.js';
import { termCounts } from './vectorize.js';

/**
 * Reads messages and counts the vocabulary's terms in each (the raw vector; tf-idf and normalisation
 * are the bundle's preprocessing steps). Whole messages — JSON lines and strings in code — are tokenised
 * exactly as in training, mail headers dropped when the model was trained so. A plain text file holds
 * one message body per line (a line has no headers, so none are stripped).
 */
export class TextReader implements InputReader {
  private readonly index: Map<string, number>;

  constructor(private readonly o: TextInputOptions) {
    this.index = new Map(o.vocabulary.map((t, j) => [t, j]));
  }

  async readFile(file: string): Promise<RawInputs> {
    // A regular file no longer than a string may be (a directory, FIFO or device is refused by name).
    const text = readRegularFile(file, { maxBytes: constants.MAX_STRING_LENGTH, what: 'input file' }).toString('utf8');
    const lines = text.split(/\r?\n/).map((l, j) => ({ l, line: j + 1 })).filter(({ l }) => l.trim() !== '');
    if (lines.length === 0) throw new HyperspecError('data', `${file} is empty: no messages to predict`);
    const sources = lines.map(({ line }) => `${file}:${line}`);
    if (!/\.(jsonl|ndjson)$/i.test(file)) return { ...this.count(lines.map(({ l }) => l), false), sources };
    const messages: string[] = [];
    const labels: string[] = [];
    for (const { l, line } of lines) {
      let value: unknown;
      try {
        value = JSON.parse(l);
      } catch (e) {
        throw new HyperspecError('data', `${file}:${line}: not valid JSON: ${(e as Error).message}`);
      }
      if (typeof value === 'string') messages.push(value);
      else if (typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string') {
        const { text: message, label, ...rest } = value as { text: string; label?: unknown };
        const extra = Object.keys(rest);
        if (extra.length) throw new HyperspecError('data', `${file}:${line}: unknown key "${extra[0]}"`, { hint: 'a line is a string, or an object with "text" and optionally "label"' });
        messages.push(message);
        if (label !== undefined) labels.push(String(label));
      } else throw new HyperspecError('data', `${file}:${line}: expected a string or {"text": ...}, got ${l.slice(0, 60)}`);
    }
    if (labels.length > 0 && labels.length !== messages.length) throw new HyperspecError('data', `${file}: ${messages.length - labels.length} of ${messages.length} lines have no "label"`);
    return { ...this.count(messages, this.o.strip_headers), sources, targets: labels.length ? labels : undefined };
  }

  readRows(rows: readonly unknown[]): RawInputs {
    if (rows.length === 0) throw new HyperspecError('data', 'predict: no messages given');
    rows.forEach((r, i) => {
      if (typeof r !== 'string') throw new HyperspecError('data', `row ${i}: expected a message (a string), got ${JSON.stringify(r)?.slice(0, 60)}`);
    });
    return this.count(rows as string[], this.o.strip_headers);
  }

  private count(messages: readonly string[], stripHeaders: boolean): RawInputs {
    const docs = messages.map((m) => tokenize(m, { lowercase: this.o.lowercase, stripHeaders }));
    return { x: termCounts(docs, this.index, this.o.vocabulary.length), count: messages.length };
  }
}
