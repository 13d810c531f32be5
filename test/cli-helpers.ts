import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliBin, repoRoot } from './repo-paths.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `hyperspec` CLI from the repository root, as a user would. */
export function hyperspec(args: string[], options: { cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd: options.cwd ?? repoRoot, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'hs-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
