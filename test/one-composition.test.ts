import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '@hyperspec/core/run';
import { parseSpec, stringifySpec } from '@hyperspec/core/spec';
import { Session, openSpec, runTraining, type SpecObject } from 'hyperspec';
import { hyperspec, tempDir } from './cli-helpers.js';

// The same spec through the three doors — a YAML file, `Session`, a search trial — must resolve to the
// same options (Adam's own default learning rate, the schema's 20 % validation split, the implied
// early_stopping callback) and train to bit-identical parameters. The spec omits the settings whose
// defaults once differed between the doors.
const spec: SpecObject = {
  name: 'doors',
  seed: 5,
  data: { type: 'iris', standardize: true },
  model: { type: 'mlp', hidden_layers: 1, units: 8, activation: 'tanh' },
  loss: 'cross_entropy',
  metrics: ['accuracy'],
  train: { epochs: 6, batch_size: 16, optimizer: { type: 'adam' }, early_stopping: { patience: 50 } },
  regularization: [{ type: 'dropout', rate: 0.1 }],
};

function parametersOf(runDir: string): Record<string, number[]> {
  const { tensors } = readSafetensors(join(runDir, 'parameters.safetensors'));
  return Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, Array.from(t.data)]));
}

function resolvedOf(runDir: string): Record<string, unknown> {
  return parseSpec(readFileSync(join(runDir, 'spec.resolved.yaml'), 'utf8')).data as Record<string, unknown>;
}

describe('one composition for YAML, Session and search trials', () => {
  it('gives the same resolved options and bit-identical parameters through every door', async () => {
    const dir = tempDir();
    const file = join(dir, 'doors.yaml');
    writeFileSync(file, stringifySpec(spec));

    // YAML, through the library path the CLI uses.
    const opened = await openSpec(file);
    const yamlRun = await runTraining(opened.spec, opened.container, { baseDir: opened.baseDir, runDir: join(dir, 'yaml'), out: null });

    // Session: the spec as an object, trained in memory and written as a run directory.
    const session = new Session();
    const resolved = session.resolve(spec);
    const fitted = await session.fit(spec);
    const sessionRun = await session.train(spec, { runDir: join(dir, 'session'), out: null });

    // A search trial: trial 0 of a one-point grid trains the base spec with seed + 0.
    const searchFile = join(dir, 'doors-search.yaml');
    writeFileSync(searchFile, stringifySpec({
      ...spec,
      name: 'doors',
      search: { searcher: 'grid', trials: 1, storage: 'memory', objective: { metric: 'val_loss' }, space: { 'model.units': { type: 'choice', values: [8] } } },
    }));
    const searched = hyperspec(['search', searchFile, '--quiet', '--study-dir', join(dir, 'study')]);
    expect(searched.code, searched.stderr).toBe(0);
    const trialDir = join(dir, 'study', 'trials', '0');

    // Resolved options: one set of defaults.
    expect(resolved.train.optimizer).toEqual({ type: 'adam', learning_rate: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0, amsgrad: false });
    expect(resolved.data.validation_split).toBe(0.2);
    expect(resolved.train.early_stopping?.type).toBe('early_stopping');
    for (const runDir of [join(dir, 'yaml'), join(dir, 'session'), trialDir]) {
      const written = resolvedOf(runDir);
      for (const key of ['data', 'model', 'loss', 'metrics', 'train', 'regularization', 'seed']) {
        expect(written[key], `${runDir}: ${key}`).toEqual((resolved as unknown as Record<string, unknown>)[key]);
      }
    }

    // Training: the same learning-rate trace and bit-identical parameters.
    expect(yamlRun.history.map((h) => h.lr)).toEqual(Array(6).fill(0.001));
    const reference = parametersOf(join(dir, 'yaml'));
    expect(parametersOf(join(dir, 'session'))).toEqual(reference);
    expect(parametersOf(trialDir)).toEqual(reference);
    const inMemory = Object.fromEntries(fitted.run.model.parameters().map((p) => [p.name, Array.from(p.value.data)]));
    expect(inMemory).toEqual(reference);
    expect(fitted.history).toEqual(yamlRun.history);
    expect(sessionRun.history).toEqual(yamlRun.history);
  });
});
