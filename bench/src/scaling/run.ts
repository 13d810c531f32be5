#!/usr/bin/env node
// Entry point of the scaling bench (issue 16, "how cost grows"):
//   node bench/dist/scaling/run.js [--runs N] [--smoke] [--in-process] [--out file.json]
// Writes bench/results/scaling.json (or --out; --smoke: a temporary file) and, for the default path, re-renders the docs and the
// charts from bench/results/ (bench/src/render.ts does that alone, measuring nothing).
import { benchArgs, positiveInt } from '../bench-args.js';
import { saveResults } from '../bench-results.js';
import { runScalingBench, type ScalingOptions } from './run-scaling-bench.js';

const USAGE = 'usage: node bench/dist/scaling/run.js [--runs N] [--smoke] [--in-process] [--out file.json]';

function parse(argv: readonly string[]): ScalingOptions & { out?: string } {
  const { values } = benchArgs(USAGE, { runs: { type: 'string' }, smoke: { type: 'boolean' }, 'in-process': { type: 'boolean' }, out: { type: 'string' } }, { argv: [...argv] });
  return { smoke: values.smoke ?? false, runs: positiveInt(USAGE, 'runs', values.runs, 3), inProcess: values['in-process'] ?? false, out: values.out };
}

async function main(argv: string[]): Promise<void> {
  const options = parse(argv);
  const results = await runScalingBench(options, (line) => console.error(line));
  results.argv = argv.filter((a) => a !== '--');
  saveResults('scaling.json', results, { out: options.out, smoke: options.smoke });
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
