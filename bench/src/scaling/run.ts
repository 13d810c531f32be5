#!/usr/bin/env node
// Entry point of the scaling bench (issue 16, "how cost grows"):
//   node bench/dist/scaling/run.js [--runs N] [--smoke] [--in-process] [--out file.json]
// Writes bench/results/scaling.json (or --out; --smoke: a temporary file) and, for the default path, re-renders the docs and the
// charts from bench/results/ (bench/src/render.ts does that alone, measuring nothing).
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atomicWriteFile } from '@hyperspec/core/run';
import { benchArgs, positiveInt } from '../bench-args.js';
import { renderDocs } from '../docs/render-docs.js';
import { runScalingBench, type ScalingOptions } from './run-scaling-bench.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const USAGE = 'usage: node bench/dist/scaling/run.js [--runs N] [--smoke] [--in-process] [--out file.json]';

function parse(argv: readonly string[]): ScalingOptions & { out?: string } {
  const { values } = benchArgs(USAGE, { runs: { type: 'string' }, smoke: { type: 'boolean' }, 'in-process': { type: 'boolean' }, out: { type: 'string' } }, { argv: [...argv] });
  return { smoke: values.smoke ?? false, runs: positiveInt(USAGE, 'runs', values.runs, 3), inProcess: values['in-process'] ?? false, out: values.out };
}

async function main(argv: string[]): Promise<void> {
  const options = parse(argv);
  const results = await runScalingBench(options, (line) => console.error(line));
  results.argv = argv.filter((a) => a !== '--');
  // A smoke run never replaces the committed results.
  const out = options.out ?? (options.smoke ? path.join(os.tmpdir(), 'hyperspec-scaling-smoke.json') : path.join(repoRoot, 'bench/results/scaling.json'));
  atomicWriteFile(out, JSON.stringify(results, null, 2) + '\n');
  console.error(`results: ${out}`);
  // A smoke run or a run written elsewhere is not what the docs show.
  if (!options.out && !options.smoke) for (const file of renderDocs(repoRoot)) console.error(`rendered ${file}`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
