import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LrSchedule } from '../contracts/lr-schedule.js';
import type { Optimizer, OptimizerState } from '../contracts/optimizer.js';
import { HyperspecError, isHyperspecError } from '../errors/hyperspec-error.js';
import type { Model } from '../model/model.js';
import { atomicWriteFile } from '../util/atomic-write.js';
import { checkRegularFile, readRegularFile } from '../util/read-regular-file.js';
import type { Rng } from '../util/rng.js';
import type { RunFiles } from './run-directory.js';
import { readSafetensors, writeSafetensors, type NamedArray } from './safetensors.js';

/** Everything besides the tensors that a resumed run needs to continue exactly. */
export interface CheckpointState {
  /** Epochs completed. */
  epoch: number;
  step: number;
  rng: number[];
  optimizer: OptimizerState;
  schedule?: unknown;
  history: Record<string, number>[];
  /** File (in the run directory) holding this checkpoint's tensors. */
  parameters?: string;
  /** The best epoch so far when a metric is followed (its parameters are in best.safetensors). */
  best?: { epoch: number; value: number };
  /** Layers' own state by layer index (dropout's mask generator), from `Model.saveState`. */
  layers?: Record<string, unknown>;
  /** The spec's callbacks' own state, in their order (null for one that keeps none): early stopping's patience. */
  callbacks?: unknown[];
}

const TENSOR_FILE = /^checkpoint\.e\d+\.safetensors$/;

/** What to do about a checkpoint that cannot be used, for every message about one. */
export function checkpointHint(dir: string): string {
  return `the run cannot continue from it: train again from scratch (hyperspec train <spec> --run-dir ${dir} --overwrite keeps the old directory, renamed)`;
}

/** Parameters and buffers of a model by name, for saving. */
export function modelArrays(model: Model): Record<string, NamedArray> {
  const out: Record<string, NamedArray> = {};
  for (const p of model.parameters()) out[p.name] = { shape: p.value.shape, data: p.value.data };
  for (const [name, t] of Object.entries(model.buffers())) out[`buffer:${name}`] = { shape: t.shape, data: t.data };
  return out;
}

/**
 * Copies saved arrays into a freshly built model of the same architecture. Every tensor must be there
 * with exactly the model's shape (a transposed [8, 4] for a [4, 8] weight is refused, though it has as
 * many values), finite, and the file may hold no tensor the model lacks.
 */
export function loadModelArrays(model: Model, arrays: Record<string, NamedArray>, source: string, hint?: string): void {
  const targets = modelArrays(model);
  const fail = (what: string): never => {
    throw new HyperspecError('data', `${source} does not match the model: ${what}`, { hint });
  };
  for (const name of Object.keys(arrays)) if (!(name in targets)) fail(`it holds a tensor "${name}" the model does not have`);
  for (const [name, t] of Object.entries(targets)) {
    const saved = arrays[name];
    if (!saved) return fail(`tensor "${name}" is missing`);
    if (saved.shape.length !== t.shape.length || saved.shape.some((d, i) => d !== t.shape[i])) {
      fail(`tensor "${name}" has shape [${saved.shape.join(', ')}], the model's is [${t.shape.join(', ')}]`);
    }
    const bad = saved.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new HyperspecError('data', `${source}: tensor "${name}" holds ${saved.data[bad]} at index ${bad}; the weights diverged before they were saved`, { hint });
    }
  }
  for (const [name, t] of Object.entries(targets)) t.data.set(arrays[name].data);
}

/**
 * Writes the checkpoint so that a crash at any moment leaves a consistent one: the tensors go to a file
 * named after the epoch, then the state file that points at it is replaced (both atomic), and only
 * then are older tensor files removed (unless `keepAll`, `checkpoint.keep: all`).
 */
export function saveCheckpoint(files: RunFiles, model: Model, state: CheckpointState, keepAll = false): void {
  const name = `checkpoint.e${state.epoch}.safetensors`;
  writeSafetensors(join(files.dir, name), modelArrays(model), { epoch: String(state.epoch) });
  atomicWriteFile(files.checkpoint, JSON.stringify({ ...state, parameters: name }));
  if (keepAll) return;
  for (const f of readdirSync(files.dir)) {
    if (TENSOR_FILE.test(f) && f !== name) rmSync(join(files.dir, f), { force: true });
  }
}

/** Removes a run's checkpoint files (a trial whose checkpoint is unreadable starts over). */
export function removeCheckpoint(files: RunFiles): void {
  rmSync(files.checkpoint, { force: true });
  for (const f of readdirSync(files.dir)) if (TENSOR_FILE.test(f)) rmSync(join(files.dir, f), { force: true });
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
/** A 32-bit word as JSON keeps it (generator states mix signed and unsigned values). */
const isWord = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= -0x80000000 && x <= 0xffffffff;
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Checks the shape of a parsed checkpoint.json; returns what is wrong, or undefined. */
function checkState(s: unknown): string | undefined {
  if (!isRecord(s)) return 'it is not a JSON object';
  if (!isCount(s.epoch)) return `"epoch" is ${JSON.stringify(s.epoch)}, not a count of epochs`;
  if (!isCount(s.step)) return `"step" is ${JSON.stringify(s.step)}, not a count of steps`;
  if (!Array.isArray(s.rng) || s.rng.length !== 4 || !s.rng.every(isWord)) return '"rng" is not the state of the shuffling generator (4 32-bit integers)';
  if (!isRecord(s.optimizer)) return '"optimizer" is not an object';
  if (!Array.isArray(s.history) || s.history.length !== s.epoch) return `"history" does not hold one entry per completed epoch (${s.epoch})`;
  if (!s.history.every((h) => isRecord(h) && Object.values(h).every((v) => typeof v === 'number' || v === null))) return '"history" entries are not metrics';
  if (typeof s.parameters !== 'string' || !TENSOR_FILE.test(s.parameters)) return `"parameters" is ${JSON.stringify(s.parameters)}, not a checkpoint tensor file name`;
  if (s.layers !== undefined && !isRecord(s.layers)) return '"layers" is not an object';
  if (s.best !== undefined && !(isRecord(s.best) && isCount(s.best.epoch) && typeof s.best.value === 'number')) return '"best" is not { epoch, value }';
  return undefined;
}

/**
 * Reads and checks a run's checkpoint: checkpoint.json (a regular file, valid JSON of the expected
 * shape) and the tensors it names (a valid safetensors file of the same epoch). Returns null when there
 * is no checkpoint.json; anything unreadable is a `data` error naming the file, what is wrong and
 * what to do.
 */
export function readCheckpoint(files: RunFiles): { state: CheckpointState; arrays: Record<string, NamedArray>; source: string } | null {
  if (checkRegularFile(files.checkpoint, { maxBytes: Infinity, what: 'checkpoint' }) === 'no such file or directory') return null;
  const hint = checkpointHint(files.dir);
  const text = readRegularFile(files.checkpoint, { maxBytes: 256 * 1024 * 1024, what: 'checkpoint', hint }).toString('utf8');
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (e) {
    throw new HyperspecError('data', `${files.checkpoint} is not valid JSON (${(e as Error).message}); it is truncated or garbled`, { hint, cause: e });
  }
  const problem = checkState(state);
  if (problem) throw new HyperspecError('data', `${files.checkpoint} is not a valid checkpoint: ${problem}`, { hint });
  const s = state as CheckpointState;
  const source = join(files.dir, s.parameters!);
  const { tensors, metadata } = readSafetensors(source, hint);
  if (metadata.epoch !== String(s.epoch)) {
    throw new HyperspecError('data', `the checkpoint in ${files.dir} is inconsistent (state at epoch ${s.epoch}, parameters at ${metadata.epoch})`, { hint });
  }
  return { state: s, arrays: tensors, source };
}

/** Restores the optimizer, schedule, shuffling and layer state; state a component cannot take is a `data` error naming the file. */
export function restoreState(state: CheckpointState, optimizer: Optimizer, schedule: LrSchedule | undefined, rng: Rng, source = 'the checkpoint', model?: Model): void {
  const guard = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (isHyperspecError(e)) throw e;
      throw new HyperspecError('data', `${source}: the saved ${what} state cannot be restored (${(e as Error).message})`, { cause: e });
    }
  };
  guard('optimizer', () => optimizer.loadState(state.optimizer));
  if (schedule?.loadState && state.schedule !== undefined) guard('schedule', () => schedule.loadState!(state.schedule));
  rng.setState(state.rng);
  if (model && state.layers) guard('layer', () => model.loadState(state.layers!));
}
