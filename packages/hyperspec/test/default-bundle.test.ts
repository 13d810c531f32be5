import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pluginName } from '@hyperspec/core';
import { defaultPlugins } from 'hyperspec';

const repo = new URL('../../../', import.meta.url);
const manifest = (path: string) => JSON.parse(readFileSync(new URL(path, repo), 'utf8')) as { name: string; dependencies?: Record<string, string>; hyperspec?: { plugin?: boolean } };

// The default bundle is the umbrella's plugin dependencies: one line in packages/hyperspec/package.json
// adds a plugin to it (docs/plugins.md, "Into the default bundle").
describe('the default bundle', () => {
  it('is exactly the plugin packages that packages/hyperspec/package.json depends on', () => {
    const plugins = new Map(readdirSync(new URL('plugins/', repo)).map((dir) => manifest(`plugins/${dir}/package.json`)).map((m) => [m.name, m.hyperspec?.plugin === true]));
    const dependencies = Object.keys(manifest('packages/hyperspec/package.json').dependencies ?? {});
    const expected = dependencies.filter((name) => plugins.get(name)).sort();
    expect(expected.length).toBeGreaterThan(20);
    expect(defaultPlugins.map((m) => pluginName(m)).sort()).toEqual(expected);
  });
});
