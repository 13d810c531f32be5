import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTraining, type Callback } from '@hyperspec/core';
import { openSpec } from 'hyperspec';
import { repoRoot } from './repo-paths.js';
import { tempDir } from './cli-helpers.js';

async function train(runDir: string, options: { crashAfterEpoch?: number; resume?: boolean } = {}) {
  const opened = await openSpec(join(repoRoot, 'examples/iris.yaml'));
  const spec = { ...opened.spec, train: { ...opened.spec.train, epochs: 12 } };
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
});
