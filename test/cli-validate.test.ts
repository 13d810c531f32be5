import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyperspec } from './cli-helpers.js';
import { repoRoot } from './repo-paths.js';

const folder = 'test/specs/broken';
// unknown-type.yaml uses conv2d, unknown to the unit tests' fake registry but registered for real.
const files = readdirSync(join(repoRoot, folder)).filter((f) => f.endsWith('.yaml') && f !== 'unknown-type.yaml').sort();

/** The registry lists differ between the unit tests' fake registry and the real one. */
const withoutRegistered = (line: string) => line.replace(/ \(registered: [^)]*\)/, '');

/**
 * Fixtures whose messages name what the unit tests' fake registry has (its activation list, its
 * optimizers): through the real CLI they keep their locations, but the wording or the set of problems
 * differs, so the test asks that the problems the real registry also sees are reported at the same places.
 */
const registryDependent = new Set(['bad-enum.yaml', 'many-issues.yaml', 'space-invalid-choice.yaml', 'space-invalid-subspec.yaml', 'space-out-of-range.yaml']);
const locationOf = (line: string) => /^\S+:\d+:\d+ ?[^:]*:/.exec(line)?.[0];

describe('hyperspec validate on broken specs (CLI)', () => {
  it.each(files)('%s: exits 1 and prints every problem at its file:line:col with the message', (name) => {
    const file = `${folder}/${name}`;
    const expected = readFileSync(join(repoRoot, file), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('# expect: '))
      .map((l) => withoutRegistered(`${file}:${l.slice('# expect: '.length)}`));
    const r = hyperspec(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('error: ')).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(js|ts):\d+/); // no stack trace for a user error
    const printed = r.stderr.replace(/^error: /, '').trimEnd().split('\n').map(withoutRegistered);
    if (!registryDependent.has(name)) return expect(printed).toEqual(expected);
    const expectedLocations = expected.map(locationOf);
    expect(printed.filter((line) => expectedLocations.includes(locationOf(line))).length).toBeGreaterThan(0);
  });

  it('reports a plugin named in the spec that does not exist at its line', () => {
    const r = hyperspec(['validate', 'test/specs/cli/missing-plugin.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: test\/specs\/cli\/missing-plugin\.yaml:3:5 plugins\[0\]: plugin "\.\/no-such-plugin" not found: .*no-such-plugin does not exist/);
  });

  it('says which registered name was meant for a typo in a type, with the real registry', () => {
    const r = hyperspec(['validate', `${folder}/type-typo.yaml`]);
    expect(r.stderr).toContain('train.optimizer.type: unknown optimizer "adm" — did you mean "adam"? (registered: adagrad, adam, adamw, rmsprop, sgd');
  });

  it('accepts every example spec', () => {
    for (const f of readdirSync(join(repoRoot, 'examples')).filter((n) => n.endsWith('.yaml'))) {
      const r = hyperspec(['validate', `examples/${f}`]);
      expect(r.stderr, f).toBe('');
      expect(r.code, f).toBe(0);
      expect(r.stdout).toContain(`examples/${f}: valid`);
    }
  });
});
