import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '@hyperspec/core/run';
import { hyperspec, tempDir } from './cli-helpers.js';

describe('hyperspec train (CLI, end to end)', () => {
  it('trains examples/iris.yaml to ≥ 95% validation accuracy and leaves a complete run directory', () => {
    const dir = join(tempDir(), 'run');
    const r = hyperspec(['train', 'examples/iris.yaml', '--run-dir', dir]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(summary.val_accuracy).toBeGreaterThanOrEqual(0.95);
    expect(summary.run_dir).toBe(dir);
    // The model summary and per-epoch lines go to stderr.
    expect(r.stderr).toContain('learned parameters: 131');
    expect(r.stderr).toMatch(/epoch 60\/60 .*val_accuracy/);
    for (const f of ['spec.resolved.yaml', 'metrics.jsonl', 'log.jsonl', 'parameters.safetensors', 'report.json', 'checkpoint.json']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const metrics = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(metrics).toHaveLength(60);
    expect(metrics[59].val_accuracy).toBe(summary.val_accuracy);
    const log = readFileSync(join(dir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.filter((l) => l.event === 'epoch')).toHaveLength(60);
    const params = readSafetensors(join(dir, 'parameters.safetensors'));
    expect(Object.keys(params.tensors)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    const resolved = readFileSync(join(dir, 'spec.resolved.yaml'), 'utf8');
    expect(resolved).toMatch(/batch_size: 16/);
    expect(resolved).toMatch(/output_activation: linear/); // defaults are written out
  });

  it('repeats a run exactly with the same seed', () => {
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    expect(hyperspec(['train', 'examples/iris.yaml', '--run-dir', a, '--quiet']).code).toBe(0);
    expect(hyperspec(['train', 'examples/iris.yaml', '--run-dir', b, '--quiet']).code).toBe(0);
    expect(readFileSync(join(a, 'metrics.jsonl'), 'utf8')).toBe(readFileSync(join(b, 'metrics.jsonl'), 'utf8'));
    expect(readFileSync(join(a, 'parameters.safetensors')).equals(readFileSync(join(b, 'parameters.safetensors')))).toBe(true);
  });

  it('uses a layer from a plugin written outside plugins/ through `plugins:` in the spec', () => {
    const dir = join(tempDir(), 'run');
    const r = hyperspec(['train', 'test/fixtures/plugin-outsider/iris-swish.yaml', '--run-dir', dir]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('swish(beta 1.5)');
    expect(JSON.parse(r.stdout.trim()).val_accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('lists plugin components with their options, including --plugin ones', () => {
    const r = hyperspec(['plugins', '--plugin', './test/fixtures/plugin-outsider']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/layer:\n/);
    expect(r.stdout).toContain('dense  — Fully connected layer');
    expect(r.stdout).toContain('units: integer ≥ 1, ≤ 1000000 (required) — Number of output units (neurons)');
    expect(r.stdout).toContain('swish  — Swish activation x·sigmoid(beta·x)  [hyperspec-plugin-fixture-outsider]');
    expect(r.stdout).toContain('beta: number > 0 (default 1)');
  });

  it('prints the composed schema as JSON for editors', () => {
    const r = hyperspec(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(JSON.stringify(schema)).toContain('"const":"dense"');
    expect(JSON.stringify(schema)).toContain('"const":"sgd"');
  });

  it('exits 1 with a clear message for a missing file or an unknown command', () => {
    const missing = hyperspec(['train', 'examples/nope.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*examples\/nope\.yaml/m);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const unknown = hyperspec(['trian']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`unknown command "trian" — did you mean "train"?`);
  });

  it('refuses a plugin path that is not a plugin, naming the fix', () => {
    const r = hyperspec(['plugins', '--plugin', './packages/core']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('package "@hyperspec/core" is not marked as a hyperspec plugin');
    expect(r.stderr).toContain('add "hyperspec": { "plugin": true } to its package.json');
  });
});
