#!/usr/bin/env node
// Entry point of the engine bench: node bench/dist/engine/run.js [options] (see options.ts). Prints
// progress, writes the results to bench/results/engine.json (or --out) and, for the default path,
// re-renders the docs from bench/results/ (bench/src/render.ts does that alone, measuring nothing).
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { atomicWriteFile } from '@hyperspec/core/run';
import { renderDocs } from '../docs/render-docs.js';
import { parseOptions } from './options.js';
import { runEngineBench } from './run-engine-bench.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const results = await runEngineBench(options, (line) => console.error(line));
  results.argv = argv.filter((a) => a !== '--');
  const out = options.out ?? path.join(repoRoot, 'bench/results/engine.json');
  atomicWriteFile(out, JSON.stringify(results, null, 2) + '\n');
  console.error(`results: ${out}`);
  // A smoke run or a run written elsewhere is not what the docs show.
  if (!options.out && !options.smoke) for (const file of renderDocs(repoRoot)) console.error(`rendered ${file}`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
