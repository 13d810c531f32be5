import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderedPages } from '../src/docs/render-docs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Every benchmark table in docs/benchmarks.md and the README's "Measured results" are generated from
// bench/results/*.json. Re-rendering from the committed results must give the committed pages byte for
// byte; after a bench run or a change to a renderer, `node bench/dist/render.js` brings them back in line.
describe('generated docs', () => {
  for (const [page, text] of renderedPages(repoRoot)) {
    it(`${path.relative(repoRoot, page)} matches what bench/results/ renders`, () => {
      expect(readFileSync(page, 'utf8')).toBe(text);
    });
  }
});
