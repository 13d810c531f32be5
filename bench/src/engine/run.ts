#!/usr/bin/env node
// Entry point of the engine bench: `pnpm bench` at the repository root (tsc -b, then this file from
// dist/). Prints progress and a markdown report; writes JSON to bench/results/ and, with
// --write-docs, the engine section of docs/benchmarks.md.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { atomicWriteFile } from '@hyperspec/core/run';
import { writeEngineSection } from './docs-section.js';
import { parseOptions } from './options.js';
import { engineMarkdown } from './report.js';
import { runEngineBench, type EngineResults } from './run-engine-bench.js';
import { workloads } from './workloads.js';

const benchRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const results: EngineResults = options.report
    ? (JSON.parse(readFileSync(options.report, 'utf8')) as EngineResults)
    : await runEngineBench(options, (line) => console.error(line));
  if (options.note) results.note = options.note;
  const w = workloads(results.smoke);
  // The command that measured: a re-rendered report names the original invocation's options.
  const measuredWith = options.report ? (results.argv ?? []) : argv;
  const shown = measuredWith.filter((a, i) => a !== '--write-docs' && a !== '--' && a !== '--note' && measuredWith[i - 1] !== '--note').join(' ');
  // Through `pnpm bench` npm sets npm_lifecycle_event; otherwise name the script itself.
  const command = process.env.npm_lifecycle_event === 'bench'
    ? `pnpm bench${shown ? ` ${shown}` : ''}`
    : `node bench/dist/engine/run.js${shown ? ` ${shown}` : ''}`;
  const markdown = engineMarkdown(results, command, { mlp: w.mlp.trainImages, cnn: w.cnn.trainImages });
  if (!options.report) {
    results.argv = argv;
    const out = options.out ?? path.join(benchRoot, 'results', `engine-${results.date.replace(/[:.]/g, '-')}.json`);
    atomicWriteFile(out, JSON.stringify(results, null, 2) + '\n');
    console.error(`results: ${out}`);
  }
  console.log(markdown);
  if (options.writeDocs) {
    const docs = path.resolve(benchRoot, '../docs/benchmarks.md');
    writeEngineSection(docs, markdown);
    console.error(`wrote the engine section of ${docs}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
