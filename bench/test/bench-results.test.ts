import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, saveResults } from '../src/bench-results.js';

// Where a bench's raw results go: a smoke run or a run with --out must never replace the committed
// results the docs are rendered from.
describe('saveResults', () => {
  it('writes a smoke run to the temp folder, not over bench/results/', () => {
    const name = `smoke-check-${process.pid}.json`;
    const file = saveResults(name, { value: 1 }, { smoke: true });
    expect(path.dirname(file)).toBe(os.tmpdir());
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ value: 1 });
    expect(existsSync(path.join(repoRoot, 'bench/results', name))).toBe(false);
  });

  it('writes a run with --out to that file (making its folder), smoke or not', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hs-bench-results-'));
    const out = path.join(dir, 'nested', 'r.json');
    expect(saveResults('engine.json', { rows: [1, 2] }, { out })).toBe(out);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ rows: [1, 2] });
    expect(saveResults('engine.json', { rows: [3] }, { out, smoke: true })).toBe(out);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ rows: [3] });
  });

  it('knows the repository root (bench/results/ holds the committed results)', () => {
    expect(existsSync(path.join(repoRoot, 'bench/results/engine.json'))).toBe(true);
    expect(existsSync(path.join(repoRoot, 'pnpm-workspace.yaml'))).toBe(true);
  });
});
