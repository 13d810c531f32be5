#!/usr/bin/env node
// Re-renders every generated section of docs/benchmarks.md and README.md from the committed results
// in bench/results/*.json, measuring nothing: `node bench/dist/render.js` (or `pnpm bench:render`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDocs } from './docs/render-docs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const written = renderDocs(repoRoot);
console.log(written.length ? written.map((f) => `rendered ${path.relative(repoRoot, f)}`).join('\n') : 'docs already match bench/results/');
