import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTraining, type Callback } from '@hyperspec/core';
import { openSpec } from 'hyperspec';
import { repoRoot } from './repo-paths.js';
import { tempDir } from './cli-helpers.js';

async function train(runDir: string, options: { crashAfterEpoch?: number; resume?: boolean; earlyStopping?: boolean } = {}) {
  const opened = await openSpec(join(repoRoot, 'examples/iris.yaml'));
  // With early stopping, min_delta 10 counts no epoch after the first as an improvement: it stops after epoch 4.
  const earlyStopping = options.earlyStopping ? { type: 'early_stopping', monitor: 'val_loss', patience: 3, min_delta: 10, mode: 'min' } : undefined;
  const spec = { ...opened.spec, train: { ...opened.spec.train, epochs: 12, early_stopping: earlyStopping } };
  const crash: Callback = {
    onEpochEnd: ({ epoch }) => {
      if (epoch + 1 === options.crashAfterEpoch) throw new Error('simulated crash');
    },
  };
  return runTraining(spec, opened.container, {
    runDir, resume: options.resume, out: null, callbacks: options.crashAfterEpoch ? [crash] : [],
  });
}

describe('checkpoints', () => {
  it('a run that crashed resumes from its checkpoint to the same parameters as an uninterrupted run', async () => {
    const whole = join(tempDir(), 'whole');
    await train(whole);
    const broken = join(tempDir(), 'broken');
    await expect(train(broken, { crashAfterEpoch: 5 })).rejects.toThrow('simulated crash');
    const resumed = await train(broken, { resume: true });
    expect(resumed.history).toHaveLength(12);
    expect(readFileSync(join(broken, 'metrics.jsonl'), 'utf8')).toBe(readFileSync(join(whole, 'metrics.jsonl'), 'utf8'));
    expect(readFileSync(join(broken, 'parameters.safetensors')).equals(readFileSync(join(whole, 'parameters.safetensors')))).toBe(true);
  });

  it('a run with early stopping resumes its patience: it stops where the uninterrupted run stopped', async () => {
    const whole = await train(join(tempDir(), 'whole'), { earlyStopping: true });
    expect(whole.history).toHaveLength(4);
    const broken = join(tempDir(), 'broken');
    await expect(train(broken, { crashAfterEpoch: 3, earlyStopping: true })).rejects.toThrow('simulated crash');
    const resumed = await train(broken, { resume: true, earlyStopping: true });
    expect(resumed.stopped).toBe(true);
    expect(resumed.history).toHaveLength(4);
    expect(readFileSync(join(broken, 'parameters.safetensors')).equals(readFileSync(join(whole.runDir, 'parameters.safetensors')))).toBe(true);
  });
});
