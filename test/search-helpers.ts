import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyInfo, TrialRecord } from '@hyperspec/core';
import { parseSpec, stringifySpec } from '@hyperspec/core/spec';
import { SqliteStorage } from '@hyperspec/storage-sqlite';
import type { CliResult } from './cli-helpers.js';
import { cliBin, repoRoot } from './repo-paths.js';

export type SpecData = Record<string, any>;

/** An example spec as plain data, to shorten or vary in a test. */
export function exampleSpec(file: string): SpecData {
  return parseSpec(readFileSync(join(repoRoot, 'examples', file), 'utf8')).data as SpecData;
}

/** Writes a spec into `dir` and returns its path. */
export function writeSpec(dir: string, name: string, spec: SpecData): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringifySpec(spec));
  return file;
}

/** search-mnist.yaml made small: 400 training and 100 test images, few epochs and units. */
export function shortMnist(search: SpecData, epochs = 2): SpecData {
  const spec = exampleSpec('search-mnist.yaml');
  spec.data = { ...spec.data, train_limit: 400, test_limit: 100 };
  spec.train.epochs = epochs;
  spec.search = { ...spec.search, parallel: 2, ...search };
  return spec;
}

/** A quick iris spec whose trials take a fraction of a second each. */
export function quickIris(search: SpecData, epochs = 30): SpecData {
  return {
    name: 'iris-search',
    seed: 5,
    data: { type: 'iris', standardize: true, validation_split: 0.2 },
    model: { type: 'mlp', hidden_layers: 1, units: 8, activation: 'relu' },
    loss: { type: 'cross_entropy' },
    metrics: ['accuracy'],
    train: { epochs, batch_size: 16, optimizer: { type: 'sgd', learning_rate: 0.05, momentum: 0.9 } },
    search: {
      searcher: { type: 'random' },
      objective: { metric: 'val_loss', direction: 'minimize' },
      space: {
        'train.optimizer.learning_rate': { type: 'loguniform', low: 0.005, high: 0.3 },
        'model.units': { type: 'int', low: 4, high: 32 },
      },
      ...search,
    },
  };
}

/** Runs the built CLI in `cwd` (where `runs/` is created) and waits for it. */
export function cli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the built CLI without waiting; `done` resolves with its result when it exits. */
export function startCli(args: string[], cwd: string, env: Record<string, string> = {}): { child: ChildProcess; done: Promise<CliResult & { signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [cliBin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr })));
  return { child, done };
}

/** The last JSON line a `hyperspec search` printed on stdout. */
export function searchOutput(r: CliResult): { study_dir: string; trials: number; complete: number; pruned: number; failed: number; ran: number; best: { trial: number; value: number; params: Record<string, unknown> } | null; best_spec: string | null } {
  const line = r.stdout.trim().split('\n').pop();
  if (!line) throw new Error(`no output; stderr:\n${r.stderr}`);
  return JSON.parse(line);
}

/** Every study and its trials in a study database, read the way a second process would. */
export async function readStudies(dbFile: string): Promise<{ study: StudyInfo; trials: TrialRecord[] }[]> {
  const storage = new SqliteStorage({ path: dbFile, lease_seconds: 60, busy_timeout_ms: 5000 });
  try {
    const out = [];
    for (const study of await storage.studies()) out.push({ study, trials: await storage.trials(study.id) });
    return out;
  } finally {
    await storage.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
