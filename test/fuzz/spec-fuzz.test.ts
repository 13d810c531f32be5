import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '@hyperspec/cli';
import { ComponentsToken, isHyperspecError } from '@hyperspec/core';
import { loadSpecFile, parseSpec, stringifySpec, validateSpec } from '@hyperspec/core/spec';
import { createDefaultContainer } from 'hyperspec';
import { repoRoot } from '../repo-paths.js';

/**
 * Random mutations of the example specs, through `hyperspec validate` (the CLI's own entry, in this
 * process): whatever the spec, the answer is 0 or 1 with a message — never 2 (a bug), never a stack
 * trace — and it comes back (no hang: the test would time out).
 */
const EXAMPLES = ['iris.yaml', 'search-iris.yaml', 'mnist-cnn.yaml', 'spam.yaml', 'iris-csv.yaml'];
const texts = EXAMPLES.map((f) => readFileSync(join(repoRoot, 'examples', f), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'hs-fuzz-spec-'));
let counter = 0;

async function validate(text: string): Promise<{ code: number; stderr: string }> {
  const file = join(dir, `s${counter++}.yaml`);
  writeFileSync(file, text);
  let stderr = '';
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await main(['validate', file], io);
  return { code, stderr };
}

const components = createDefaultContainer().get(ComponentsToken);

/** The loader alone (file → parse → validate with one registry, so its schemas compile once): a result or a user error. */
function load(text: string): { code: number; stderr: string } {
  const file = join(dir, `s${counter++}.yaml`);
  writeFileSync(file, text);
  try {
    validateSpec(loadSpecFile(file), components);
    return { code: 0, stderr: '' };
  } catch (e) {
    if (isHyperspecError(e) && e.kind !== 'internal') return { code: 1, stderr: `error: ${e.format()}` };
    return { code: 2, stderr: `internal error: ${e instanceof Error ? e.stack : String(e)}` };
  }
}

function expectHandled(r: { code: number; stderr: string }): void {
  expect(r.code, r.stderr).not.toBe(2);
  expect(r.stderr).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
  if (r.code === 1) expect(r.stderr).toMatch(/^error: /);
}

/** Values a mutation may put anywhere: numbers at their edges, strings that look like paths or YAML, structures. */
const anyValue = fc.oneof(
  fc.double(),
  fc.constantFrom(Infinity, -Infinity, NaN, 0, -0, 1e400, 2 ** 32, 2 ** 53 + 1, -1, 1e-320),
  fc.integer({ min: -1e6, max: 1e12 }),
  fc.constantFrom('../../x', '', '.inf', 'null', '~', 'type', 'adam', 'mlp', 'iris', '/dev/zero', 'x'.repeat(300)),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string()), { maxKeys: 3 }),
);

type Node = Record<string, unknown> | unknown[];
/** Every (container, key) pair in a parsed spec, so a mutation can pick one. */
function slots(value: unknown, out: [Node, string | number][] = []): [Node, string | number][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), slots(v, out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (out.push([value as Node, k]), slots(v, out));
  return out;
}

const mutation = fc.record({
  example: fc.nat({ max: EXAMPLES.length - 1 }),
  edits: fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('set', 'delete', 'add'), value: anyValue, key: fc.string({ maxLength: 12 }) }), { minLength: 1, maxLength: 4 }),
});

/** The spec text after `edits` (undefined when YAML cannot write a mutated value). */
function mutated(example: number, edits: { at: number; op: string; value: unknown; key: string }[]): string | undefined {
  const data = structuredClone(parseSpec(texts[example]).data) as Record<string, unknown>;
  for (const e of edits) {
    const all = slots(data);
    if (all.length === 0) break;
    const [node, key] = all[e.at % all.length];
    if (e.op === 'set') (node as Record<string | number, unknown>)[key] = e.value;
    else if (e.op === 'delete' && !Array.isArray(node)) delete (node as Record<string, unknown>)[key as string];
    else if (e.op === 'add' && !Array.isArray(node)) (node as Record<string, unknown>)[e.key] = e.value;
  }
  try {
    return stringifySpec(data);
  } catch {
    return undefined;
  }
}

describe('random mutations of valid specs through the loader', () => {
  it('values replaced, removed or added anywhere: the loader gives a spec or a located error, never a bug', () => {
    fc.assert(
      fc.property(mutation, ({ example, edits }) => {
        const text = mutated(example, edits);
        if (text !== undefined) expectHandled(load(text));
      }),
      { numRuns: 400, seed: 10 },
    );
  });

  it('the same through hyperspec validate: exit 0 or 1, never 2', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ({ example, edits }) => {
        const text = mutated(example, edits);
        if (text !== undefined) expectHandled(await validate(text));
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('characters inserted, deleted or replaced in the YAML text: a spec or a located error, never a bug', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(':', '- ', '{', '}', '[', '&a', '*a', '!!binary', '\t', '\n  ', '"', "'", '#', '? ', '|')) });
    fc.assert(
      fc.property(fc.nat({ max: EXAMPLES.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (example, edits) => {
        let text = texts[example];
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        expectHandled(load(text));
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});
