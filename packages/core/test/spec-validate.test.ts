import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HyperspecError, isHyperspecError } from '@hyperspec/core';
import { isSpecError, loadSpecFile, parseSpec, validateSpec, type ResolvedSpec } from '@hyperspec/core/spec';
import { componentsOf } from '@hyperspec/core/testing';
import { fakeDescriptors, fakeRegistry } from './spec-registry.js';

/** One registry for the file: validators are compiled once per registry, as in a real run. */
const registry = fakeRegistry();

function validate(text: string, file = 'specs/demo.yaml'): ResolvedSpec {
  return validateSpec(parseSpec(text, { file, baseDir: '/project/specs' }), registry);
}

function failure(run: () => unknown): HyperspecError & { issues?: { location: Record<string, unknown>; message: string }[] } {
  try {
    run();
  } catch (e) {
    if (isHyperspecError(e)) return e;
    throw e;
  }
  throw new Error('expected a HyperspecError');
}

const minimal = `
data: iris
model: { type: mlp }
loss: cross_entropy
`;

describe('validateSpec: resolved specs', () => {
  test('fills every default of a minimal spec and expands shorthands', () => {
    expect(validate(minimal)).toEqual({
      name: 'demo',
      seed: 0,
      plugins: [],
      output_dir: 'runs',
      data: { type: 'iris', standardize: true, validation_split: 0.2 },
      model: { type: 'mlp', hidden_layers: 1, units: 64, activation: 'relu' },
      loss: { type: 'cross_entropy' },
      metrics: [],
      train: {
        epochs: 10,
        batch_size: 32,
        shuffle: true,
        optimizer: { type: 'sgd', learning_rate: 0.01, momentum: 0, nesterov: false },
        callbacks: [],
        checkpoint_every: 1,
        capture_step: true,
      },
      regularization: [],
    });
  });

  test('a full spec keeps what is written and fills the rest, nested layers included', () => {
    const spec = validate(`
name: iris-search
seed: 42
plugins: [./local-plugin, some-package]
backend: cpu
data: { type: iris, validation_split: 0.25 }
model: { type: sequential, layers: [ { type: dense, units: 16, activation: relu }, { type: dense, units: 3 } ] }
loss: { type: cross_entropy }
metrics: [accuracy, { type: accuracy }]
train:
  epochs: 5
  optimizer: adam
  early_stopping: { patience: 2 }
  gradient_clip: { norm: 1.0 }
regularization: [ { type: dropout } ]
search:
  trials: 4
  objective: { metric: val_accuracy }
  space:
    train.optimizer.learning_rate: { type: loguniform, low: 1.0e-4, high: 1.0e-1 }
`);
    expect(spec.name).toBe('iris-search');
    expect(spec.plugins).toEqual([resolve('/project/specs', 'local-plugin'), 'some-package']);
    expect(spec.model.layers).toEqual([
      { type: 'dense', units: 16, activation: 'relu', use_bias: true },
      { type: 'dense', units: 3, activation: 'linear', use_bias: true },
    ]);
    expect(spec.metrics).toEqual([{ type: 'accuracy' }, { type: 'accuracy' }]);
    expect(spec.train.optimizer).toEqual({ type: 'adam', learning_rate: 0.001, beta1: 0.9, beta2: 0.999 });
    expect(spec.train.early_stopping).toEqual({ type: 'early_stopping', patience: 2, monitor: 'val_loss', min_delta: 0, mode: 'auto' });
    expect(spec.train.gradient_clip).toEqual({ norm: 1 });
    expect(spec.regularization).toEqual([{ type: 'dropout', rate: 0.5 }]);
    expect(spec.search).toEqual({
      trials: 4,
      objective: { metric: 'val_accuracy', direction: 'maximize', at: 'best' },
      objectives: [{ metric: 'val_accuracy', direction: 'maximize', at: 'best' }],
      space: { 'train.optimizer.learning_rate': { type: 'loguniform', low: 1e-4, high: 0.1 } },
      searcher: { type: 'random' },
      parallel: 1,
      storage: { type: 'memory' },
    });
  });

  test('the objective direction defaults to minimize for losses', () => {
    const spec = validate(`${minimal}search: { timeout: 60, space: { seed: { type: int, low: 0, high: 9 } } }\n`);
    expect(spec.search?.objective).toEqual({ metric: 'val_loss', direction: 'minimize', at: 'best' });
  });

  test('several objectives: directions inferred (measured quantities are minimised), objective is the first, constraints kept', () => {
    const spec = validate(`${minimal}search:
  trials: 5
  objectives: [{ metric: val_accuracy }, { metric: parameters }, { metric: val_loss, direction: maximize }]
  constraints: [{ metric: inference_ms, max: 0.5 }, { metric: val_accuracy, min: 0.5, max: 1 }]
  space: { seed: { type: int, low: 0, high: 9 } }
`);
    expect(spec.search?.objectives).toEqual([
      { metric: 'val_accuracy', direction: 'maximize', at: 'best' },
      { metric: 'parameters', direction: 'minimize', at: 'best' },
      { metric: 'val_loss', direction: 'maximize', at: 'best' },
    ]);
    expect(spec.search?.objective).toEqual({ metric: 'val_accuracy', direction: 'maximize', at: 'best' });
    expect(spec.search?.constraints).toEqual([{ metric: 'inference_ms', max: 0.5 }, { metric: 'val_accuracy', min: 0.5, max: 1 }]);
  });

  test('objective with objectives, a repeated objective, a pruner with several objectives and a limitless constraint are refused, each located', () => {
    const error = failure(() => validate(`${minimal}search:
  trials: 5
  objective: { metric: val_loss }
  objectives: [{ metric: val_accuracy }, { metric: val_accuracy }]
  constraints: [{ metric: parameters }]
  pruner: { type: median }
  space: { seed: { type: int, low: 0, high: 9 } }
`));
    const text = error.format();
    expect(text).toMatch(/search\.objective: give either objective \(one\) or objectives \(several\), not both/);
    expect(text).toMatch(/search\.objectives\[1\]\.metric: val_accuracy is already an objective/);
    expect(text).toMatch(/search\.pruner: a pruner compares one objective per epoch/);
    expect(text).toMatch(/search\.constraints\[0\]/);
    const at = failure(() => validate(`${minimal}search: { trials: 5, objectives: [{ metric: val_accuracy, at: last }, { metric: parameters, at: best }], space: { seed: { type: int, low: 0, high: 9 } } }\n`));
    expect(at.format()).toMatch(/search\.objectives\[1\]\.at: a trial is judged at one epoch, chosen by the first objective's at \(last\)/);
  });

  test('does not change the parsed data', () => {
    const parsed = parseSpec(minimal, { file: 'x.yaml' });
    const before = structuredClone(parsed.data);
    validateSpec(parsed, registry);
    expect(parsed.data).toEqual(before);
  });

  test('valid search spaces: written and unwritten options, list indices in both forms, nested sub-specs', () => {
    const spec = validate(`
data: iris
model: { type: sequential, layers: [ { type: dense, units: 16 }, { type: dense, units: 3 } ] }
loss: cross_entropy
regularization: [ { type: dropout, rate: 0.1 } ]
search:
  trials: 3
  space:
    train.batch_size: { type: choice, values: [16, 32, 64] }
    regularization[0].rate: { type: uniform, low: 0, high: 0.5, points: 3 }
    model.layers[0].units: { type: int, low: 32, high: 512, log: true }
    model.layers.0.activation: { type: choice, values: [relu, tanh] }
    data.validation_split: { type: uniform, low: 0.1, high: 0.3 }
    train.optimizer:
      type: choice
      values:
        - { type: sgd, momentum: { type: uniform, low: 0.5, high: 0.99 } }
        - { type: adam, learning_rate: { type: loguniform, low: 1.0e-4, high: 1.0e-2 } }
        - adam
`);
    expect(Object.keys(spec.search?.space ?? {})).toHaveLength(6);
  });

  test('loadSpecFile reads a file and returns its plugins before validation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperspec-spec-'));
    const file = join(dir, 'mnist-small.yaml');
    writeFileSync(file, `plugins: [./plugins/mine]\n${minimal}`);
    const parsed = loadSpecFile(file);
    expect(parsed.file).toBe(file);
    expect(parsed.baseDir).toBe(dir);
    expect(parsed.plugins).toEqual(['./plugins/mine']);
    expect(parsed.data).toMatchObject({ data: 'iris', loss: 'cross_entropy' });
    const spec = validateSpec(parsed, registry);
    expect(spec.name).toBe('mnist-small');
    expect(spec.plugins).toEqual([join(dir, 'plugins/mine')]);
  });

  test('a missing file is a usage error that names it', () => {
    const e = failure(() => loadSpecFile('/nonexistent/spec.yaml'));
    expect(e.kind).toBe('usage');
    expect(e.message).toBe('cannot read spec file /nonexistent/spec.yaml: no such file or directory');
  });
});

describe('validateSpec: errors', () => {
  test('a SpecError is a HyperspecError of kind spec with structured issues', () => {
    const e = failure(() => validate(`${minimal}train: { epochs: 0 }\n`));
    expect(isSpecError(e)).toBe(true);
    expect(e).toBeInstanceOf(HyperspecError);
    expect(e.kind).toBe('spec');
    expect(e.issues).toEqual([
      { location: { file: 'specs/demo.yaml', line: 5, col: 18, path: 'train.epochs' }, message: 'must be >= 1 (got 0)' },
    ]);
    expect(e.location).toEqual(e.issues?.[0].location);
    expect(e.message).toBe('specs/demo.yaml:5:18 train.epochs: must be >= 1 (got 0)');
  });

  test('specs built in code are validated the same way, without positions', () => {
    const e = failure(() => validateSpec({ data: { data: 'iris', model: { type: 'mlp', units: -4 }, loss: 'cross_entropy', train: { epochs: 'x' } } }, registry));
    // Without positions, issues come in the order found: the root schema first, then each component.
    expect(e.format()).toBe('train.epochs: must be integer (got "x")\nmodel.units: must be >= 1 (got -4)');
  });

  test('a shorthand that lacks a required option points at the name', () => {
    const e = failure(() => validate('data: iris\nmodel: { type: sequential, layers: [dense] }\nloss: cross_entropy\n'));
    expect(e.format()).toBe('specs/demo.yaml:2:37 model.layers[0]: missing required key "units"');
  });

  test('an unknown backend is named with the registered ones', () => {
    const e = failure(() => validate(`backend: cpus\n${minimal}`));
    expect(e.format()).toBe('specs/demo.yaml:1:10 backend: unknown backend "cpus" — did you mean "cpu"? (registered: cpu)');
  });

  test('a component without a type lists the types to choose from', () => {
    const e = failure(() => validate('data: iris\nmodel: { type: mlp }\nloss: { }\n'));
    expect(e.format()).toBe('specs/demo.yaml:3:1 loss: missing required key "type" (the loss to use: cross_entropy)');
  });

  test('a plugin whose options schema does not compile is a plugin error naming it', () => {
    const broken = { ...fakeDescriptors()[0], type: 'broken', schema: { type: 'object', properties: { x: { type: 'nonsense' } } } };
    const registry = componentsOf([...fakeDescriptors(), broken]);
    const e = failure(() => validateSpec(parseSpec('data: broken\nmodel: { type: mlp }\nloss: cross_entropy\n'), registry));
    expect(e.kind).toBe('plugin');
    expect(e.message).toMatch(/^the options schema of dataset "broken" \(plugin @test\/fake\) is not a valid JSON Schema: /);
  });
});

describe('validateSpec: defaults that name unregistered components', () => {
  test('says the type is a default and how to fix it', () => {
    const registry = componentsOf(fakeDescriptors().filter((d) => d.kind !== 'storage'));
    const text = `${minimal}search:\n  trials: 2\n  space: { seed: { type: int, low: 0, high: 3 } }\n`;
    const e = failure(() => validateSpec(parseSpec(text, { file: 's.yaml' }), registry));
    expect(e.format()).toBe('s.yaml:5:1 search.storage.type: unknown storage "memory" (registered: none); "memory" is the default storage, so set search.storage to a registered one or load a plugin that provides "memory"');
  });
});
