// Keeps docs/plugins.md, the walk-through of this package, true to the files it quotes. (Only meaningful
// inside the hyperspec repository; a plugin living elsewhere would not have this test.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lionDescriptor } from '../src/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const doc = readFileSync(resolve(repoRoot, 'docs/plugins.md'), 'utf8');

/** The fenced block right after each `<!-- marker: value -->` comment. */
function blocksAfter(marker: string): { value: string; body: string }[] {
  const pattern = new RegExp(`<!-- ${marker}: (\\S+) -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``, 'g');
  return [...doc.matchAll(pattern)].map((m) => ({ value: m[1], body: m[2] }));
}

describe('docs/plugins.md', () => {
  const excerpts = blocksAfter('excerpt');

  it('quotes the package, the update rule, the descriptor, the module, the tests and the spec', () => {
    expect(excerpts.map((e) => e.value)).toEqual([
      'examples/custom-optimizer/package.json',
      'examples/custom-optimizer/src/lion.ts',
      'examples/custom-optimizer/src/lion-descriptor.ts',
      'examples/custom-optimizer/src/index.ts',
      'examples/custom-optimizer/test/lion.test.ts',
      'examples/custom-optimizer/iris-lion.yaml',
    ]);
  });

  for (const { value: file, body } of excerpts) {
    it(`quotes ${file} exactly`, () => {
      const path = resolve(repoRoot, file);
      expect(existsSync(path), `${file} exists`).toBe(true);
      expect(readFileSync(path, 'utf8')).toContain(body);
    });
  }

  it('shows what `hyperspec plugins` prints for lion: every option with its default and description', () => {
    const [output] = blocksAfter('plugins-output');
    expect(output.value).toBe('lion');
    expect(output.body).toContain(`lion  — ${lionDescriptor.description}  [hyperspec-optimizer-lion]`);
    const properties = lionDescriptor.schema.properties as Record<string, { default: unknown; description: string }>;
    for (const [key, p] of Object.entries(properties)) {
      const line = output.body.split('\n').find((l) => l.trimStart().startsWith(`${key}:`));
      expect(line, `a line for ${key}`).toBeDefined();
      expect(line).toContain(`(default ${JSON.stringify(p.default)}) — ${p.description}`);
    }
  });
});
