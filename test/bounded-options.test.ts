import { describe, expect, it } from 'vitest';
import { ComponentsToken } from '@hyperspec/core';
import { rootSpecSchema } from '@hyperspec/core/spec';
import { createDefaultContainer } from 'hyperspec';

/** Integer options without a maximum, anywhere in a schema (paths for the message). */
function unbounded(schema: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(schema)) schema.forEach((s, i) => unbounded(s, `${path}[${i}]`, out));
  else if (schema && typeof schema === 'object') {
    const s = schema as Record<string, unknown>;
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('integer') && s.maximum === undefined && s.exclusiveMaximum === undefined) out.push(path);
    for (const [k, v] of Object.entries(s)) unbounded(v, `${path}.${k}`, out);
  }
  return out;
}

describe('every count a spec can set is bounded', () => {
  it('each integer option of the root schema and of every bundled component has a maximum', () => {
    const registry = createDefaultContainer().get(ComponentsToken);
    const found = unbounded(rootSpecSchema(), 'spec', []);
    for (const d of registry.list()) unbounded(d.schema, `${d.kind} ${d.type}`, found);
    // The bounds of a search space's int distribution are the bounds of the option it sets (checked when the space is validated).
    const allowed = ['spec.definitions.distribution.oneOf[2].properties.low', 'spec.definitions.distribution.oneOf[2].properties.high'];
    expect(found.filter((p) => !allowed.includes(p))).toEqual([]);
  });

  it('the seed is an integer from 0 to 2^32 - 1, and the name a bounded plain name', () => {
    const root = rootSpecSchema().properties as Record<string, Record<string, unknown>>;
    expect(root.seed).toMatchObject({ type: 'integer', minimum: 0, maximum: 2 ** 32 - 1 });
    expect(root.name).toMatchObject({ maxLength: 100 });
    const pattern = new RegExp(root.name.pattern as string, 'u');
    for (const ok of ['iris', 'mnist-cnn_2', 'v1.2']) expect(pattern.test(ok), ok).toBe(true);
    for (const bad of ['../x', 'a/b', '..', '.x', 'a\\b', 'a b', '']) expect(pattern.test(bad), bad).toBe(false);
  });
});
