import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyperspec, tempDir } from './cli-helpers.js';
import { repoRoot } from './repo-paths.js';

describe('the custom optimizer example (Lion, a plugin package outside plugins/)', () => {
  it('trains iris from its YAML spec through the CLI', () => {
    const r = hyperspec(['train', 'examples/custom-optimizer/iris-lion.yaml', '--run-dir', join(tempDir(), 'run')]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.trim());
    expect(summary.val_accuracy).toBeGreaterThanOrEqual(0.95);
    expect(summary.loss).toBeLessThan(0.2);
  });

  it('shows in `hyperspec plugins` with its options when loaded with --plugin', () => {
    const r = hyperspec(['plugins', '--plugin', './examples/custom-optimizer']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}lion {2}— .*\[hyperspec-optimizer-lion\]$/m);
    expect(r.stdout).toMatch(/^ {6}beta1: number .*\(default 0\.9\)/m);
  });

  it('validates its options with the same located errors as built-in optimizers', () => {
    const dir = tempDir();
    const file = join(dir, 'bad-lion.yaml');
    writeFileSync(
      file,
      [
        `plugins: [${join(repoRoot, 'examples/custom-optimizer')}]`,
        'data: { type: iris }',
        'model: { type: mlp }',
        'loss: cross_entropy',
        'train:',
        '  optimizer: { type: lion, beta1: 1.5, betas: 0.9 }',
        '',
      ].join('\n'),
    );
    const r = hyperspec(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:6:`);
    expect(r.stderr).toMatch(/train\.optimizer\.beta1: must be <=? 1 \(got 1\.5\)/);
    expect(r.stderr).toMatch(/train\.optimizer\.betas: unknown key "betas" — did you mean "beta[12]"\?/);
  });
});

describe('a search over the custom optimizer', () => {
  it('can choose Lion: grid over [lion (two rates), adam] runs all three and writes a best.yaml naming the winner', () => {
    const studyDir = join(tempDir(), 'study');
    const r = hyperspec(['search', 'examples/custom-optimizer/search-lion-vs-adam.yaml', '--study-dir', studyDir]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out.complete).toBe(3);
    const chosen = r.stderr.match(/^\d+\s+\d+\s+[\d.]+\s+\d+\s+(lion|adam)\b/gm)!.map((l) => l.split(/\s+/)[4]);
    expect(chosen.sort()).toEqual(['adam', 'lion', 'lion']);
    const best = readFileSync(join(studyDir, 'best.yaml'), 'utf8');
    expect(best).toContain(`type: ${out.best.params['train.optimizer'].type}`);
  });
});
