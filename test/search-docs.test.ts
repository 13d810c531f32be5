import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { askAndTell } from '../examples/programmatic/ask-and-tell.js';
import { repoRoot } from './repo-paths.js';

const doc = readFileSync(join(repoRoot, 'docs/search.md'), 'utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('docs/search.md examples are files that tests run', () => {
  it('every line of the ask-and-tell section\'s TypeScript blocks (comments aside) is in an example of examples/programmatic', () => {
    const dir = join(repoRoot, 'examples/programmatic');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => squash(readFileSync(join(dir, f), 'utf8')));
    const section = doc.slice(doc.indexOf('## Ask and tell from code'), doc.indexOf('## Hyperparameter importance'));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) {
      for (const line of block.split('\n').map(squash).filter((l) => l && !l.startsWith('//'))) {
        expect(sources.some((s) => s.includes(line)), `not in an example: ${line}`).toBe(true);
      }
    }
  });

  it('its YAML block of several objectives is examples/search-iris-pareto.yaml', () => {
    const file = squash(readFileSync(join(repoRoot, 'examples/search-iris-pareto.yaml'), 'utf8'));
    const block = /## Several objectives\n\n```yaml\n([\s\S]*?)```/.exec(doc)![1];
    for (const line of block.split('\n').map(squash).filter(Boolean)) expect(file).toContain(line);
  });

  it('the ask-and-tell example keeps a feasible Pareto front of cost against error', async () => {
    const front = await askAndTell(40);
    expect(front.length).toBeGreaterThanOrEqual(3);
    for (const p of front) {
      expect(p.x, 'only feasible trials (x ≥ 0.1) are on the front').toBeGreaterThanOrEqual(0.1);
      expect(p.error).toBeCloseTo((1 - p.x) ** 2 + p.y, 12);
    }
    // The front trades cost for error: sorted by cost, error falls.
    const sorted = [...front].sort((a, b) => a.cost - b.cost);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].cost > sorted[i - 1].cost) expect(sorted[i].error).toBeLessThan(sorted[i - 1].error);
      else expect(sorted[i].error, 'equal cost on the front: equal error (the same point)').toBe(sorted[i - 1].error);
    }
  });
});
