#!/usr/bin/env node
// Search workers sharing one study: `node bench/dist/storage/run-workers.js [--trials 400] [--repeats 3] [--no-docs] [--out file.json]`.
// One study of trivial trials taken by 1, 2 and 4 worker processes on memory, SQLite and PostgreSQL (an
// embedded server of this run, default settings), with the server's floor (a round trip, a commit).
// Writes bench/results/storage-workers.json and re-renders the generated sections of the docs (its own
// is between the `storage-workers` markers of docs/distributed-search.md); `--no-docs` leaves them (`--out`: results written there, the docs left).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@hyperspec/storage-postgres/testing';
import { benchArgs, positiveInt } from '../bench-args.js';
import { saveResults } from '../bench-results.js';
import { serverFloor, type ServerFloor } from './server-floor.js';
import { STEPS } from './storage-workload.js';
import { renderWorkers, type StorageWorkersResults } from './workers-report.js';
import { runWorkers, type WorkersRun } from './workers.js';

const USAGE = 'usage: node bench/dist/storage/run-workers.js [--trials 400] [--repeats 3] [--no-docs] [--out file.json]';
const { values } = benchArgs(USAGE, { trials: { type: 'string' }, repeats: { type: 'string' }, 'no-docs': { type: 'boolean' }, out: { type: 'string' } });
const trials = positiveInt(USAGE, 'trials', values.trials, 400);
const repeats = positiveInt(USAGE, 'repeats', values.repeats, 3);

const server = await startEmbeddedPostgres();
const runs: WorkersRun[] = [];
let floor: ServerFloor;
try {
  await server.sql('CREATE DATABASE bench_floor');
  floor = await serverFloor(server.urlFor('bench_floor'));
  let db = 0;
  for (let r = 0; r < repeats; r++) {
    for (const workers of [1, 2, 4]) {
      for (const kind of ['memory', 'sqlite', 'postgres'] as const) {
        let location = '';
        let cleanup = () => undefined as void;
        if (kind === 'postgres') {
          await server.sql(`CREATE DATABASE bench${db}`);
          location = server.urlFor(`bench${db++}`);
        } else if (kind === 'sqlite') {
          const dir = mkdtempSync(path.join(os.tmpdir(), 'hs-bench-workers-'));
          location = dir;
          cleanup = () => rmSync(dir, { recursive: true, force: true });
        }
        const run = await runWorkers(kind, workers, trials, location);
        cleanup();
        runs.push(run);
        process.stderr.write(`workers ${kind} ×${workers} #${r + 1}: ${run.seconds.toFixed(3)} s (${run.ran.join(' + ')} trials)\n`);
      }
    }
  }
} finally {
  await server.destroy();
}
const machine = `Node ${process.version}, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
const report = renderWorkers(runs, { steps: STEPS, repeats, floor, machine });
process.stdout.write(report.markdown + '\n');
const results: StorageWorkersResults = { trials, repeats, steps: STEPS, machine, floor, runs, summary: report.rows };
saveResults('storage-workers.json', results, { out: values.out, noDocs: values['no-docs'] });
