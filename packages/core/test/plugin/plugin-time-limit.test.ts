import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isHyperspecError, loadPlugin } from '@hyperspec/core';

function pluginDir(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hs-plugin-'));
  mkdirSync(join(dir, 'p'));
  writeFileSync(join(dir, 'p/package.json'), JSON.stringify({ name: 'slow-plugin', type: 'module', main: 'index.js', hyperspec: { plugin: true } }));
  writeFileSync(join(dir, 'p/index.js'), source);
  return join(dir, 'p');
}

describe('plugin loading has a time limit', () => {
  it('a module whose top-level await keeps waiting (the process kept alive by a timer) fails after the limit, naming the plugin', async () => {
    // The interval keeps the event loop busy, so only the time limit can end the wait.
    const dir = pluginDir('const keepAlive = setInterval(() => {}, 50);\nawait new Promise(() => {});\nexport default { keepAlive };\n');
    const error = await loadPlugin(dir, dir, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(isHyperspecError(error) && error.kind).toBe('plugin');
    expect((error as Error).message).toBe('plugin "slow-plugin" did not finish loading: it took longer than 0.3 s');
  });
});
