import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Rng, isHyperspecError } from '@hyperspec/core';
import { flattenSpace, sampleRandomParams } from '@hyperspec/core/search';
import { applyParams, normalizeSpace, parseSpec, stringifySpec, validateSpec, writeResolvedSpec, type ResolvedSpec } from '@hyperspec/core/spec';
import { fakeRegistry } from './spec-registry.js';

/** One registry for the file: validators are compiled once per registry, as in a real run. */
const registry = fakeRegistry();

const text = `
name: space-demo
data: iris
model: { type: sequential, layers: [ { type: dense, units: 16, activation: relu }, { type: dense, units: 3 } ] }
loss: cross_entropy
regularization: [ { type: dropout, rate: 0.1 } ]
search:
  trials: 10
  space:
    train.batch_size: { type: choice, values: [16, 32, 64] }
    model.layers[0].units: { type: int, low: 8, high: 64, log: true }
    regularization[0].rate: { type: uniform, low: 0, high: 0.5 }
    train.optimizer:
      type: choice
      values:
        - { type: sgd, momentum: { type: uniform, low: 0.5, high: 0.99 }, nesterov: true }
        - { type: adam, learning_rate: { type: loguniform, low: 1.0e-4, high: 1.0e-2 } }
        - adam
`;

function resolved(): ResolvedSpec {
  return validateSpec(parseSpec(text, { file: 'space-demo.yaml' }), registry);
}

describe('normalizeSpace', () => {
  test('moves distributions inside choice options into children', () => {
    const space = normalizeSpace(resolved().search!.space);
    expect(Object.keys(space)).toEqual(['train.batch_size', 'model.layers[0].units', 'regularization[0].rate', 'train.optimizer']);
    expect(space['model.layers[0].units']).toEqual({ type: 'int', low: 8, high: 64, log: true });
    expect(space['train.optimizer']).toEqual({
      type: 'choice',
      values: [{ type: 'sgd', nesterov: true }, { type: 'adam' }, 'adam'],
      children: [
        { momentum: { type: 'uniform', low: 0.5, high: 0.99 } },
        { learning_rate: { type: 'loguniform', low: 1e-4, high: 1e-2 } },
        undefined,
      ],
    });
    expect(space['train.batch_size']).toEqual({ type: 'choice', values: [16, 32, 64] });
  });

  test('is idempotent and leaves the spec untouched', () => {
    const spec = resolved();
    const before = structuredClone(spec);
    const once = normalizeSpace(spec.search!.space);
    expect(normalizeSpace(once)).toEqual(once);
    expect(spec).toEqual(before);
  });

  test('names conditional parameters <choice>.<option>.<key> for searchers', () => {
    const names = flattenSpace(normalizeSpace(resolved().search!.space)).map((p) => p.name);
    expect(names).toEqual(['train.batch_size', 'model.layers[0].units', 'regularization[0].rate', 'train.optimizer', 'train.optimizer.0.momentum', 'train.optimizer.1.learning_rate']);
  });
});

describe('applyParams', () => {
  test('writes numbers at their paths and a chosen option with its children', () => {
    const spec = resolved();
    const space = normalizeSpace(spec.search!.space);
    const out = applyParams(spec, space, {
      'train.batch_size': 2,
      'model.layers[0].units': 40,
      'regularization[0].rate': 0.25,
      'train.optimizer': 0,
      'train.optimizer.0.momentum': 0.7,
    });
    expect(out.train.batch_size).toBe(64);
    expect(out.model.layers?.[0].units).toBe(40);
    expect(out.model.layers?.[1].units).toBe(3);
    expect(out.regularization[0]).toEqual({ type: 'dropout', rate: 0.25 });
    expect(out.train.optimizer).toEqual({ type: 'sgd', nesterov: true, momentum: 0.7 });
    expect(spec.train.batch_size).toBe(32);
    // Re-validation fills the defaults of the newly chosen option.
    expect(validateSpec({ data: out }, registry).train.optimizer).toEqual({ type: 'sgd', nesterov: true, momentum: 0.7, learning_rate: 0.01 });
  });

  test('accepts the spec space as written too, and expands a shorthand option on re-validation', () => {
    const spec = resolved();
    const out = applyParams(spec, spec.search!.space, { 'train.batch_size': 0, 'model.layers[0].units': 8, 'regularization[0].rate': 0, 'train.optimizer': 2 });
    expect(out.train.optimizer).toBe('adam');
    expect(validateSpec({ data: out }, registry).train.optimizer).toEqual({ type: 'adam', learning_rate: 0.001, beta1: 0.9, beta2: 0.999 });
  });

  test('every random point of a validated space gives a valid spec', () => {
    const spec = resolved();
    const space = normalizeSpace(spec.search!.space);
    const rng = new Rng(7);
    const optimizers = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const params = sampleRandomParams(space, rng);
      const trial = validateSpec({ data: applyParams(spec, space, params) }, registry);
      optimizers.add(trial.train.optimizer.type);
      expect(trial.model.layers?.[0].units).toBeGreaterThanOrEqual(8);
      expect(trial.model.layers?.[0].units).toBeLessThanOrEqual(64);
    }
    expect([...optimizers].sort()).toEqual(['adam', 'sgd']);
  });

  test('a missing or illegal value is a plugin error naming the parameter', () => {
    const spec = resolved();
    const space = normalizeSpace(spec.search!.space);
    const complete = { 'train.batch_size': 0, 'model.layers[0].units': 8, 'regularization[0].rate': 0, 'train.optimizer': 1, 'train.optimizer.1.learning_rate': 1e-3 };
    const missing = { ...complete } as Record<string, number>;
    delete missing['train.optimizer.1.learning_rate'];
    for (const [params, message] of [
      [missing, 'the searcher gave no value for "train.optimizer.1.learning_rate"'],
      [{ ...complete, 'train.batch_size': 3 }, 'the searcher gave an illegal value (3) for "train.batch_size"'],
    ] as const) {
      try {
        applyParams(spec, space, params);
        throw new Error('expected an error');
      } catch (e) {
        expect(isHyperspecError(e) && e.kind).toBe('plugin');
        expect((e as Error).message).toBe(message);
      }
    }
  });
});

describe('stringifySpec', () => {
  test('orders root keys by the schema, type first below, and keeps the search space order', () => {
    const spec = resolved();
    const yaml = stringifySpec(spec);
    const roots = yaml.split('\n').filter((l) => /^[a-z_]+:/.test(l)).map((l) => l.split(':')[0]);
    expect(roots).toEqual(['name', 'seed', 'plugins', 'output_dir', 'data', 'model', 'loss', 'metrics', 'train', 'regularization', 'search']);
    expect(yaml).toContain('optimizer:\n    type: sgd\n    learning_rate: 0.01\n    momentum: 0\n    nesterov: false\n');
    const reparsed = parseSpec(yaml).data as ResolvedSpec;
    expect(reparsed).toEqual(spec);
    expect(Object.keys(reparsed.search!.space)).toEqual(Object.keys(spec.search!.space));
    // A resolved spec is a fixed point: validating its YAML again changes nothing.
    expect(validateSpec(parseSpec(yaml, { file: 'space-demo.yaml' }), registry)).toEqual(spec);
  });

  test('the same spec written in another key order gives the same text', () => {
    const spec = resolved();
    const shuffled = Object.fromEntries(Object.entries(spec).reverse()) as unknown as ResolvedSpec;
    shuffled.train = Object.fromEntries(Object.entries(spec.train).reverse()) as ResolvedSpec['train'];
    expect(stringifySpec(shuffled)).toBe(stringifySpec(spec));
  });

  test('writeResolvedSpec writes that text', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyperspec-spec-')), 'run', 'spec.resolved.yaml');
    const spec = resolved();
    writeResolvedSpec(spec, file);
    expect(readFileSync(file, 'utf8')).toBe(stringifySpec(spec));
  });
});
