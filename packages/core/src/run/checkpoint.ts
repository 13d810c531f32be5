import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LrSchedule } from '../contracts/lr-schedule.js';
import type { Optimizer, OptimizerState } from '../contracts/optimizer.js';
import { HyperspecError } from '../errors/hyperspec-error.js';
import type { Model } from '../model/model.js';
import { atomicWriteFile } from '../util/atomic-write.js';
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
}

/** Parameters and buffers of a model by name, for saving. */
export function modelArrays(model: Model): Record<string, NamedArray> {
  const out: Record<string, NamedArray> = {};
  for (const p of model.parameters()) out[p.name] = { shape: p.value.shape, data: p.value.data };
  for (const [name, t] of Object.entries(model.buffers())) out[`buffer:${name}`] = { shape: t.shape, data: t.data };
  return out;
}

/** Copies saved arrays into a freshly built model of the same architecture. */
export function loadModelArrays(model: Model, arrays: Record<string, NamedArray>, source: string): void {
  const targets = modelArrays(model);
  for (const [name, t] of Object.entries(targets)) {
    const saved = arrays[name];
    if (!saved || saved.data.length !== t.data.length) {
      throw new HyperspecError('data', `${source} does not match the model: ${saved ? `"${name}" has ${saved.data.length} values, the model needs ${t.data.length}` : `"${name}" is missing`}`);
    }
    t.data.set(saved.data);
  }
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
    if (/^checkpoint\.e\d+\.safetensors$/.test(f) && f !== name) rmSync(join(files.dir, f), { force: true });
  }
}

export function readCheckpoint(files: RunFiles): { state: CheckpointState; arrays: Record<string, NamedArray> } | null {
  if (!existsSync(files.checkpoint)) return null;
  const state = JSON.parse(readFileSync(files.checkpoint, 'utf8')) as CheckpointState;
  const { tensors, metadata } = readSafetensors(join(files.dir, basename(state.parameters ?? 'checkpoint.safetensors')));
  if (metadata.epoch !== String(state.epoch)) {
    throw new HyperspecError('data', `the checkpoint in ${files.dir} is inconsistent (state at epoch ${state.epoch}, parameters at ${metadata.epoch})`);
  }
  return { state, arrays: tensors };
}

export function restoreState(state: CheckpointState, optimizer: Optimizer, schedule: LrSchedule | undefined, rng: Rng): void {
  optimizer.loadState(state.optimizer);
  if (schedule?.loadState && state.schedule !== undefined) schedule.loadState(state.schedule);
  rng.setState(state.rng);
}
