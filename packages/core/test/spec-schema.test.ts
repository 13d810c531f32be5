import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import type { JsonSchema } from '@hyperspec/core';
import { composeSpecSchema, parseSpec, rootSpecSchema, validateSpec } from '@hyperspec/core/spec';
import { fakeRegistry } from './spec-registry.js';

/** One registry for the file: validators are compiled once per registry, as in a real run. */
const registry = fakeRegistry();

const good = `
name: iris
seed: 42
backend: cpu
data: { type: iris, validation_split: 0.2 }
model: { type: sequential, layers: [ { type: dense, units: 16, activation: relu }, { type: dense, units: 3 } ] }
loss: cross_entropy
metrics: [accuracy]
train:
  epochs: 10
  batch_size: 32
  optimizer: { type: sgd, learning_rate: 0.1 }
  early_stopping: { monitor: val_loss, patience: 5, min_delta: 0, mode: auto }
  gradient_clip: { norm: 1.0 }
regularization: [ { type: dropout, rate: 0.1 } ]
search:
  searcher: { type: random }
  trials: 20
  objective: { metric: val_accuracy, direction: maximize }
  space:
    train.batch_size: { type: choice, values: [16, 32, 64] }
    train.optimizer: { type: choice, values: [ { type: sgd, momentum: { type: uniform, low: 0.5, high: 0.99 } }, { type: adam } ] }
`;

/** Every property schema under `schema` (through objects, lists, unions and definitions), with its path. */
function properties(schema: JsonSchema, path = ''): [string, JsonSchema][] {
  const out: [string, JsonSchema][] = [];
  for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    out.push([`${path}.${key}`, sub], ...properties(sub, `${path}.${key}`));
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    if (typeof schema[key] === 'object') out.push(...properties(schema[key] as JsonSchema, `${path}[]`));
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    ((schema[key] ?? []) as JsonSchema[]).forEach((b, i) => out.push(...properties(b, `${path}|${i}`)));
  }
  for (const [name, def] of Object.entries((schema.definitions ?? {}) as Record<string, JsonSchema>)) out.push(...properties(def, `#${name}`));
  return out;
}

describe('root schema', () => {
  test('every key of schemas/spec.schema.json has a description', () => {
    const all = properties(rootSpecSchema());
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter(([, s]) => typeof s.description !== 'string' || s.description.length < 10).map(([p]) => p)).toEqual([]);
  });
});

describe('composeSpecSchema', () => {
  const schema = composeSpecSchema(registry);
  const definitions = schema.definitions as Record<string, JsonSchema>;

  test('is a JSON Schema ajv compiles, without the loader-only slot markers', () => {
    expect(() => new Ajv({ discriminator: true }).compile(schema)).not.toThrow();
    expect(JSON.stringify(schema)).not.toContain('hyperspecSlot');
  });

  test('each slot is the union of its kind, discriminated by type, one closed branch per descriptor', () => {
    const union = definitions.optimizer;
    const nodes = (union.anyOf as JsonSchema[])[1];
    expect((union.anyOf as JsonSchema[])[0]).toMatchObject({ type: 'string', enum: ['adam', 'sgd'] });
    expect(nodes.discriminator).toEqual({ propertyName: 'type' });
    expect(nodes.oneOf).toEqual([{ $ref: '#/definitions/optimizer.adam' }, { $ref: '#/definitions/optimizer.sgd' }]);
    const sgd = definitions['optimizer.sgd'];
    expect(sgd).toMatchObject({ type: 'object', required: ['type'], additionalProperties: false });
    expect(Object.keys(sgd.properties as object)).toEqual(['type', 'learning_rate', 'momentum', 'nesterov']);
    expect((sgd.properties as Record<string, JsonSchema>).type).toEqual({ const: 'sgd', description: 'test optimizer sgd' });
    // Common keys join every branch of their kind; nested component lists refer to their kind's union.
    expect(Object.keys(definitions['dataset.iris'].properties as object)).toEqual(['type', 'validation_split', 'standardize']);
    expect(((definitions['model.sequential'].properties as Record<string, JsonSchema>).layers.items)).toEqual({ $ref: '#/definitions/layer' });
    // A component with a required option has no string shorthand.
    expect(definitions.layer.anyOf).toBeUndefined();
  });

  test('validates a good spec as written and as resolved, and rejects bad components', () => {
    const validate = new Ajv({ discriminator: true, allErrors: true }).compile(schema);
    const parsed = parseSpec(good, { file: 'good.yaml' });
    expect(validate(parsed.data), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(validateSpec(parsed, registry)), JSON.stringify(validate.errors)).toBe(true);
    const bad = (patch: (d: Record<string, any>) => void) => {
      const data = structuredClone(parsed.data) as Record<string, any>;
      patch(data);
      return validate(data);
    };
    expect(bad((d) => (d.train.optimizer = { type: 'adm' }))).toBe(false);
    expect(bad((d) => (d.train.optimizer.beta1 = 0.9))).toBe(false);
    expect(bad((d) => delete d.model.layers[0].units)).toBe(false);
    expect(bad((d) => (d.loss = 'mse'))).toBe(false);
    expect(bad((d) => (d.search.space['train.batch_size'].type = 'unifrom'))).toBe(false);
    expect(bad((d) => (d.data.validation_split = 1))).toBe(false);
  });
});
