import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { atomicWriteFile } from '@hyperspec/core/run';
import { engineMarkdown } from '../engine/report.js';
import type { EngineResults } from '../engine/run-engine-bench.js';
import { examplesMarkdown, type ExamplesResults } from '../examples/report.js';
import { inferenceMarkdown, type InferenceResults } from '../inference/report.js';
import { searchMarkdown } from '../search/report.js';
import { askTellMarkdown, searchMoMarkdown, type AskTellResults, type SearchMoResults } from '../search-mo/report.js';
import type { SearchResults } from '../search/search-results.js';
import { storageMarkdown, type StorageResults } from '../storage/report.js';
import { storageWorkersMarkdown, type StorageWorkersResults } from '../storage/workers-report.js';
import type { ScalingResults } from '../scaling/run-scaling-bench.js';
import { scalingCharts, scalingMarkdown } from '../scaling/report.js';
import { replaceSection } from './markers.js';

/** Each generated section: the results file it is rendered from, the page and the markers it goes between. */
const SECTIONS = [
  { results: 'engine.json', page: 'docs/benchmarks.md', marker: 'engine', render: (r: unknown) => engineMarkdown(r as EngineResults) },
  { results: 'scaling.json', page: 'docs/benchmarks.md', marker: 'scaling', render: (r: unknown) => scalingMarkdown(r as ScalingResults) },
  { results: 'search.json', page: 'docs/benchmarks.md', marker: 'search', render: (r: unknown) => searchMarkdown(r as SearchResults) },
  { results: 'storage.json', page: 'docs/benchmarks.md', marker: 'storage', render: (r: unknown) => storageMarkdown(r as StorageResults) },
  { results: 'examples.json', page: 'README.md', marker: 'examples', render: (r: unknown) => examplesMarkdown(r as ExamplesResults) },
  { results: 'inference.json', page: 'docs/model-bundle.md', marker: 'inference', render: (r: unknown) => inferenceMarkdown(r as InferenceResults) },
  { results: 'search-mo.json', page: 'docs/search.md', marker: 'search-mo', render: (r: unknown) => searchMoMarkdown(r as SearchMoResults) },
  { results: 'ask-tell-overhead.json', page: 'docs/search.md', marker: 'ask-tell', render: (r: unknown) => askTellMarkdown(r as AskTellResults) },
  { results: 'storage-workers.json', page: 'docs/distributed-search.md', marker: 'storage-workers', render: (r: unknown) => storageWorkersMarkdown(r as StorageWorkersResults) },
] as const;

/** Whole generated files (the charts): results file → (path from the repository root → content). Absent results: no files. */
const FILES = [{ results: 'scaling.json', render: (r: unknown) => scalingCharts(r as ScalingResults) }] as const;

/**
 * The pages (and charts) as they must read given the committed results in bench/results/ (path → full text).
 * Pure: measures nothing and writes nothing, so a test can compare it with the committed pages.
 */
export function renderedPages(repoRoot: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (const s of SECTIONS) {
    const page = path.join(repoRoot, s.page);
    const file = path.join(repoRoot, 'bench/results', s.results);
    const text = pages.get(page) ?? readFileSync(page, 'utf8');
    const body = existsSync(file)
      ? s.render(JSON.parse(readFileSync(file, 'utf8')))
      : `Not measured yet: bench/results/${s.results} is missing (see docs/benchmarks.md for the command).`;
    pages.set(page, replaceSection(text, s.marker, body, s.page));
  }
  for (const f of FILES) {
    const file = path.join(repoRoot, 'bench/results', f.results);
    if (!existsSync(file)) continue;
    for (const [relative, content] of f.render(JSON.parse(readFileSync(file, 'utf8')))) pages.set(path.join(repoRoot, relative), content);
  }
  return pages;
}

/** Writes every page whose generated sections changed; returns the paths written. */
export function renderDocs(repoRoot: string): string[] {
  const written: string[] = [];
  for (const [page, text] of renderedPages(repoRoot)) {
    if (existsSync(page) && readFileSync(page, 'utf8') === text) continue;
    atomicWriteFile(page, text);
    written.push(page);
  }
  return written;
}
