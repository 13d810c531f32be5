import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './repo-paths.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The fenced blocks of a language, each as its non-empty trimmed lines. */
function blocks(lang: string): string[][] {
  return [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1].split('\n').map((l) => l.trim()).filter(Boolean));
}

describe('README examples are the files that tests run', () => {
  it('the YAML walk-through is examples/iris.yaml', () => {
    const file = readFileSync(join(repoRoot, 'examples/iris.yaml'), 'utf8').split('\n').map((l) => l.trim());
    const [yaml] = blocks('yaml');
    expect(yaml.length).toBeGreaterThan(10);
    for (const line of yaml) expect(file).toContain(line);
  });

  it('the code example is taken from examples/programmatic/train-iris.ts', () => {
    const file = readFileSync(join(repoRoot, 'examples/programmatic/train-iris.ts'), 'utf8').replace(/\s+/g, ' ');
    const [ts] = blocks('ts');
    for (const line of ts) expect(file).toContain(line.replace(/\s+/g, ' ').replace(/,$/, ''));
  });

  it('starts with the two set-up commands', () => {
    const sh = blocks('sh')[0].join('\n');
    expect(sh).toContain('npm install -g pnpm@12.4.2 && pnpm install && pnpm demo');
    expect(sh).toContain('pnpm test');
  });
});

describe('README pictures', () => {
  it('every image the README shows is committed', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(existsSync(join(repoRoot, image)), image).toBe(true);
  });
});
