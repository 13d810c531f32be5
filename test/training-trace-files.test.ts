import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli-helpers.js';
import { cli, exampleSpec, writeSpec } from './search-helpers.js';

const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('what a run keeps for its report', () => {
  it('steps.jsonl holds the learning rate each step used (a per-step schedule), layers.jsonl the norms per tensor, spec.yaml the spec as written', () => {
    const work = tempDir();
    const spec = exampleSpec('iris.yaml');
    spec.train.epochs = 4;
    spec.train.schedule = { type: 'step', step_size: 5, gamma: 0.5, interval: 'step' };
    const file = writeSpec(work, 'iris', spec);
    const dir = join(work, 'run');
    const r = cli(['train', file, '--run-dir', dir, '--quiet'], work);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'spec.yaml'), 'utf8')).toBe(readFileSync(file, 'utf8'));

    const steps = lines(join(dir, 'steps.jsonl'));
    expect(steps.map((s) => s.epoch)).toEqual([1, 2, 3, 4]);
    const lr = steps.flatMap((s) => s.lr);
    // 120 training samples in batches of 16: 8 steps an epoch; the rate halves every 5 steps.
    expect(lr).toHaveLength(32);
    lr.forEach((v, t) => expect(v).toBeCloseTo(0.05 * 0.5 ** Math.floor(t / 5), 12));
    expect(steps.map((s) => s.first_step)).toEqual([0, 8, 16, 24]);
    expect(steps.every((s) => s.loss.length === 8 && s.loss.every((x: number) => x > 0))).toBe(true);

    const layers = lines(join(dir, 'layers.jsonl'));
    expect(layers).toHaveLength(4);
    for (const l of layers) {
      expect(l.params.map((p: { name: string }) => p.name)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
      for (const p of l.params) {
        expect(p.weight_norm).toBeGreaterThan(0);
        expect(p.grad_norm).toBeGreaterThan(0);
        expect(p.grad_norm_max).toBeGreaterThanOrEqual(p.grad_norm);
      }
    }
    expect(layers[0].params[0].shape).toEqual([4, 16]);
    // The weights move: the first layer's norm differs between the first and last epoch.
    expect(layers[3].params[0].weight_norm).not.toBe(layers[0].params[0].weight_norm);
  });
});
