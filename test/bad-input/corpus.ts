import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringifySpec } from '@hyperspec/core/spec';

/** The part of the corpus a case belongs to. */
export type Group = 'spec' | 'data' | 'checkpoint' | 'study' | 'plugin' | 'fs';

/**
 * One bad input or fault: files to lay out in a fresh directory, the command to run there, and what a
 * user must see — exit code 1 (or 2 for a bug the case provokes on purpose) and a message that
 * locates the problem. Every case also must print no stack trace and change no existing file.
 */
export interface BadInput {
  name: string;
  group: Group;
  setup?: (dir: string, fx: Fixtures) => void;
  args: string[] | ((dir: string) => string[]);
  message: RegExp;
  code?: 1 | 2;
  /** Runs in its own CLI process with a time limit: a case that hung before the fix, or needs a real process. */
  isolated?: boolean;
}

/** Prepared runs and studies that cases copy and damage. */
export interface Fixtures {
  /** Copies a finished 2-epoch iris run with dropout (its checkpoint is checkpoint.e2.safetensors) to `dest`. */
  run(dest: string): void;
  /** Copies a directory holding `search.yaml` and its finished SQLite study (runs/bad-search-study) to `dest`. */
  study(dest: string): void;
  /** Marks `dir` as in use by another live process (a lock record naming it), as a running train or search would. */
  inUse(dir: string, mode: 'shared' | 'exclusive', command: string): number;
}

export type SpecData = Record<string, any>;

/** A tiny iris spec (2 epochs, 4 units) to vary. */
export function iris(over: SpecData = {}): SpecData {
  return {
    name: 'bad',
    seed: 1,
    data: { type: 'iris', validation_split: 0.2 },
    model: { type: 'mlp', hidden_layers: 1, units: 4, activation: 'relu' },
    loss: { type: 'cross_entropy' },
    metrics: ['accuracy'],
    train: { epochs: 2, batch_size: 16, optimizer: { type: 'sgd', learning_rate: 0.05 } },
    ...over,
  };
}

/** The iris spec with a small SQLite search. */
export function irisSearch(over: SpecData = {}, search: SpecData = {}): SpecData {
  return iris({
    name: 'bad-search',
    search: {
      searcher: { type: 'random' },
      trials: 2,
      objective: { metric: 'val_loss', direction: 'minimize' },
      storage: { type: 'sqlite' },
      space: { 'train.optimizer.learning_rate': { type: 'loguniform', low: 0.01, high: 0.1 } },
      ...search,
    },
    ...over,
  });
}

export function writeSpec(dir: string, file: string, spec: SpecData): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), stringifySpec(spec));
}

export function writeText(dir: string, file: string, text: string | Uint8Array): void {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), text);
}

/** A csv dataset spec reading `file` with `target`. */
export function csvSpec(file: string, over: SpecData = {}): SpecData {
  return iris({ data: { type: 'csv', path: file, target: 'label', validation_split: 0.2, ...over } });
}

/** The parts of a safetensors file: its JSON header and the data bytes after it. */
export function readTensors(file: string): { header: Record<string, any>; data: Buffer } {
  const buf = readFileSync(file);
  const len = Number(buf.readBigUInt64LE(0));
  return { header: JSON.parse(buf.subarray(8, 8 + len).toString('utf8')), data: buf.subarray(8 + len) };
}

/** Writes a safetensors file from a header and data bytes (header length as given, or the real one). */
export function writeTensors(file: string, header: unknown, data: Buffer, headerLength?: bigint): void {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(headerLength ?? BigInt(json.length));
  writeFileSync(file, Buffer.concat([len, json, data]));
}

/** Copies a run fixture into `dir/run` and returns that path. */
export function runIn(dir: string, fx: Fixtures): string {
  const run = join(dir, 'run');
  fx.run(run);
  return run;
}

export function copyTree(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}
