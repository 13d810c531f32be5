import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderedPages } from '../src/docs/render-docs.js';
import { SCALING_CHARTS } from '../src/scaling/report.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Every benchmark table in docs/benchmarks.md and the README's "Measured results" are generated from
// bench/results/*.json, and so are the scaling charts (docs/images/scaling-*.svg). Re-rendering from the
// committed results must give the committed pages and charts byte for byte; after a bench run or a change
// to a renderer, `node bench/dist/render.js` brings them back in line.
describe('generated docs', () => {
  const pages = renderedPages(repoRoot);
  for (const [page, text] of pages) {
    it(`${path.relative(repoRoot, page)} matches what bench/results/ renders`, () => {
      expect(readFileSync(page, 'utf8')).toBe(text);
    });
  }

  it('includes both scaling charts, each with a line per measured system', () => {
    const results = JSON.parse(readFileSync(path.join(repoRoot, 'bench/results/scaling.json'), 'utf8')) as { systems: unknown[] };
    for (const chart of Object.values(SCALING_CHARTS)) {
      const svg = pages.get(path.join(repoRoot, chart));
      expect(svg, chart).toMatch(/^<svg [^>]*>[\s\S]*<\/svg>\n$/);
      expect(svg!.match(/<polyline /g)?.length, chart).toBe(results.systems.length);
    }
    const benchmarks = pages.get(path.join(repoRoot, 'docs/benchmarks.md'))!;
    for (const chart of Object.values(SCALING_CHARTS)) expect(benchmarks).toContain(`](${path.relative('docs', chart)})`);
  });
});
