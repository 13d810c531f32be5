import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '@hyperspec/core';

// The root of @hyperspec/core is a reviewed list: adding a runtime name to it is a decision (edit
// root-exports.txt in the same change), and everything else lives under a subpath.
describe('@hyperspec/core root exports', () => {
  it('are exactly the committed list in packages/core/root-exports.txt', () => {
    const committed = readFileSync(new URL('../root-exports.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
    expect(Object.keys(core).sort()).toEqual(committed);
  });
});
