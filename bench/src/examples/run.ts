#!/usr/bin/env node
// Runs the example specs through the CLI once each and writes bench/results/examples.json, then
// re-renders the README's "Measured results" table: node bench/dist/examples/run.js [specs...] [--out file]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchArgs } from '../bench-args.js';
import { repoRoot, saveResults } from '../bench-results.js';
import type { ExampleRun, ExamplesResults } from './report.js';

const CLI = path.join(repoRoot, 'packages/cli/dist/bin.js');
const DEFAULT_SPECS = ['examples/mnist-mlp.yaml', 'examples/mnist-cnn.yaml', 'examples/spam.yaml'];
const loads = () => os.loadavg().map((l) => Number(l.toFixed(2)));

function runExample(spec: string): ExampleRun {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'hyperspec-example-'));
  try {
    const t0 = performance.now();
    // Not --quiet: the progress output (on stderr) names the backend and the number of training samples.
    const child = spawnSync(process.execPath, [CLI, 'train', spec, '--run-dir', runDir], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
    const wallSeconds = (performance.now() - t0) / 1000;
    if (child.status !== 0) throw new Error(`${spec}: hyperspec train exited with ${child.status}\n${child.stderr}`);
    const out = `${child.stdout}\n${child.stderr}`;
    const report = JSON.parse(readFileSync(path.join(runDir, 'report.json'), 'utf8')) as { epochs: number; final: { test_accuracy?: number } };
    const backend = /backend (\S+?)\)/.exec(out)?.[1];
    const samples = /training on (\d+) samples/.exec(out)?.[1];
    if (!backend || !samples || report.final.test_accuracy === undefined) throw new Error(`${spec}: the CLI output or report lacks the backend, sample count or test accuracy`);
    return { spec, backend, trainSamples: Number(samples), epochs: report.epochs, testAccuracy: report.final.test_accuracy, wallSeconds };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

const USAGE = 'usage: node bench/dist/examples/run.js [spec.yaml ...] [--out file.json]';
const { values, positionals: specs, args: argv } = benchArgs(USAGE, { out: { type: 'string' } }, { positionals: true });
const results: ExamplesResults = {
  command: `node bench/dist/examples/run.js ${argv.join(' ')}`.trim(),
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.availableParallelism(), node: process.version, loadAverageStart: loads(), loadAverageEnd: [] },
  runs: [],
};
for (const spec of specs.length ? specs : DEFAULT_SPECS) {
  const run = runExample(spec);
  results.runs.push(run);
  process.stderr.write(`${spec}: test accuracy ${(run.testAccuracy * 100).toFixed(2)}% in ${run.wallSeconds.toFixed(1)} s\n`);
}
results.machine.loadAverageEnd = loads();
saveResults('examples.json', results, { out: values.out });
