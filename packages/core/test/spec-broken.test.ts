import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { isHyperspecError } from '@hyperspec/core';
import { isSpecError, parseSpec, validateSpec, type SpecError } from '@hyperspec/core/spec';
import { fakeRegistry } from './spec-registry.js';

/** One registry for the file: validators are compiled once per registry, as in a real run. */
const registry = fakeRegistry();

/*
 * Every file in test/specs/broken/ is a spec with problems. Its `# expect: line:col path: message`
 * comments are the exact lines `format()` must print, in order (the file name is prefixed here).
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const folder = 'test/specs/broken';
const files = readdirSync(resolve(repoRoot, folder)).filter((f) => f.endsWith('.yaml')).sort();

function failureOf(text: string, file: string): SpecError {
  try {
    validateSpec(parseSpec(text, { file }), registry);
  } catch (e) {
    if (isSpecError(e)) return e;
    throw e;
  }
  throw new Error(`${file} validated, but it is meant to be broken`);
}

describe('broken specs report each problem at its YAML position', () => {
  test('the fixtures folder is not empty', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  test.each(files)('%s', (name) => {
    const file = `${folder}/${name}`;
    const text = readFileSync(resolve(repoRoot, file), 'utf8');
    const expected = text
      .split('\n')
      .filter((l) => l.startsWith('# expect: '))
      .map((l) => `${file}:${l.slice('# expect: '.length)}`);
    expect(expected.length).toBeGreaterThan(0);
    const error = failureOf(text, file);
    expect(isHyperspecError(error)).toBe(true);
    expect(error.kind).toBe('spec');
    expect(error.format().split('\n')).toEqual(expected);
    // The structured issues carry the same positions the text shows.
    expect(error.issues.map((i) => `${i.location.file}:${i.location.line}:${i.location.col}`)).toEqual(expected.map((l) => /^[^:]+:\d+:\d+/.exec(l)?.[0]));
  });
});
