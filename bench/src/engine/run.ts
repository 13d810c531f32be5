#!/usr/bin/env node
// Entry point of the engine bench: node bench/dist/engine/run.js [options] (see options.ts). Prints
// progress, writes the results to bench/results/engine.json (--out: elsewhere; --smoke: the temp folder) and,
// for the default path, re-renders the docs from bench/results/ (bench/src/render.ts does that alone).
import { saveResults } from '../bench-results.js';
import { parseOptions } from './options.js';
import { runEngineBench } from './run-engine-bench.js';

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const results = await runEngineBench(options, (line) => console.error(line));
  results.argv = argv.filter((a) => a !== '--');
  saveResults('engine.json', results, { out: options.out, smoke: options.smoke });
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
