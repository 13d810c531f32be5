import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeRun, createRunContainer, runTraining, type RunSpec } from '@hyperspec/core';
import { openSpec } from 'hyperspec';
import { trainIris } from '../examples/programmatic/train-iris.js';
import { repoRoot } from './repo-paths.js';
import { tempDir } from './cli-helpers.js';

const exampleDir = join(repoRoot, 'examples');
const specs = readdirSync(exampleDir).filter((f) => f.endsWith('.yaml') && !f.startsWith('search-'));

/** A shortened version of an example: few epochs, a subset of the large datasets. */
function shorten(spec: RunSpec): RunSpec {
  const data = { ...spec.data };
  if (data.type === 'mnist') Object.assign(data, { train_limit: 1200, test_limit: 300 });
  if (data.type === 'spam') Object.assign(data, { limit: 600 });
  return { ...spec, data, train: { ...spec.train, epochs: Math.min(spec.train.epochs, 2), batch_size: Math.min(spec.train.batch_size, 64) } };
}

describe('every example spec', () => {
  it.each(specs)('%s validates and a shortened run trains', async (file) => {
    const opened = await openSpec(join(exampleDir, file));
    const result = await runTraining(shorten(opened.spec), opened.container, { baseDir: opened.baseDir, runDir: join(tempDir(), 'run'), out: null });
    expect(result.history.length).toBeGreaterThan(0);
    expect(Number.isFinite(result.final.loss)).toBe(true);
  });

  it.each(specs)('%s: the parameter count in its comment header is the model it builds', async (file) => {
    const text = readFileSync(join(exampleDir, file), 'utf8');
    const claimed = /([\d,]+) (?:numbers|weights and biases)/.exec(text.split('\nname:')[0]);
    if (!claimed) return expect(text).not.toMatch(/Parameters —/);
    const opened = await openSpec(join(exampleDir, file));
    const run = await composeRun(shorten(opened.spec), createRunContainer(opened.container), { baseDir: opened.baseDir });
    expect(run.model.parameterCount()).toBe(Number(claimed[1].replace(/,/g, '')));
  });
});

describe('the programmatic example', () => {
  it('trains iris from code to ≥ 95% validation accuracy', async () => {
    const result = await trainIris();
    expect(result.epochs).toBe(60);
    expect(result.valAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});
