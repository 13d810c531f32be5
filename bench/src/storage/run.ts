#!/usr/bin/env node
// SQLite against in-memory study storage: `node bench/dist/storage/run.js [--trials 1000] [--repeats 3] [--out file]`.
// Times the storage calls of N trivial trials (start, STEPS reports, finish) and the same trials through
// the whole study runner; writes bench/results/storage.json and re-renders the docs from bench/results/.
import os from 'node:os';
import { benchArgs, positiveInt } from '../bench-args.js';
import { saveResults } from '../bench-results.js';
import type { StorageResults } from './report.js';
import { runnerStudy, storageOps, STEPS, type StorageKind } from './storage-workload.js';

const USAGE = 'usage: node bench/dist/storage/run.js [--trials 1000] [--repeats 3] [--out file.json]';
const { values, args: argv } = benchArgs(USAGE, { trials: { type: 'string' }, repeats: { type: 'string' }, out: { type: 'string' } });
const loads = () => os.loadavg().map((l) => Number(l.toFixed(2)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const trials = positiveInt(USAGE, 'trials', values.trials, 1000);
const repeats = positiveInt(USAGE, 'repeats', values.repeats, 3);
const results: StorageResults = {
  command: `node bench/dist/storage/run.js ${argv.join(' ')}`.trim(),
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.availableParallelism(), node: process.version, loadAverageStart: loads(), loadAverageEnd: [] },
  trials,
  repeats,
  steps: STEPS,
  rows: [],
};
for (const [workload, fn] of [['storage calls', storageOps], ['study runner', runnerStudy]] as const) {
  const times: Record<Exclude<StorageKind, 'postgres'>, number[]> = { memory: [], sqlite: [] };
  for (let r = 0; r < repeats; r++) {
    for (const kind of ['memory', 'sqlite'] as const) {
      times[kind].push(await fn(kind, trials));
      process.stderr.write(`${workload} ${kind} #${r + 1}: ${times[kind][r].toFixed(3)} s\n`);
    }
  }
  results.rows.push({ workload, memory: median(times.memory), sqlite: median(times.sqlite) });
}
results.machine.loadAverageEnd = loads();
saveResults('storage.json', results, { out: values.out });
