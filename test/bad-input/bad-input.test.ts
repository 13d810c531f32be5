import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli-helpers.js';
import { cliBin, repoRoot } from '../repo-paths.js';
import { checkpointCases } from './cases-checkpoint.js';
import { dataCases } from './cases-data.js';
import { fsCases, fxSpec } from './cases-fs.js';
import { pluginCases } from './cases-plugin.js';
import { specCases } from './cases-spec.js';
import { studyCases } from './cases-study.js';
import { irisSearch, writeSpec, type BadInput, type Fixtures } from './corpus.js';

const cases: BadInput[] = [...specCases, ...dataCases, ...checkpointCases, ...studyCases, ...pluginCases, ...fsCases];
const cliMain = resolve(repoRoot, 'packages/cli/dist/main.js');
const batchRunner = resolve(repoRoot, 'test/bad-input/batch-runner.mjs');
/** Isolated cases (ones that hung before the fix) are killed after this long. */
const ISOLATED_LIMIT_MS = 60_000;
const env = { ...process.env, FORCE_COLOR: '0' };

interface Outcome {
  code: number | string | null;
  stdout: string;
  stderr: string;
}

/** Every entry under `dir`: regular files by content hash, anything else by its type. */
function snapshot(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isDirectory()) snapshot(path, out.set(path, 'dir'));
    else if (st.isFile()) out.set(path, createHash('sha256').update(readFileSync(path)).digest('hex'));
    else out.set(path, st.isFIFO() ? 'fifo' : 'other');
  }
  return out;
}

function cli(args: string[], cwd: string): void {
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`fixture: hyperspec ${args.join(' ')} failed:\n${r.stderr}`);
}

/** Runs a list of cases in one batch process; resolves with the outcomes by case index. */
function runBatch(list: { id: number; cwd: string; args: string[] }[], root: string, tag: string): Promise<Map<number, Outcome>> {
  const file = join(root, `batch-${tag}.json`);
  writeFileSync(file, JSON.stringify(list));
  return new Promise((done) => {
    const child = spawn(process.execPath, [batchRunner, file, cliMain], { env });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('close', () => {
      clearTimeout(timer);
      const results = new Map<number, Outcome>();
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue;
        const r = JSON.parse(line) as Outcome & { id: number };
        results.set(r.id, r);
      }
      done(results);
    });
  });
}

/** Runs one case in its own CLI process, killed after ISOLATED_LIMIT_MS. */
function runAlone(cwd: string, args: string[]): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cliBin, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), ISOLATED_LIMIT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? `killed by ${signal} (hung)`, stdout, stderr });
    });
  });
}

const outcomes = new Map<number, Outcome & { changed: string[] }>();
/** Idle processes standing for another train or search that holds a directory. */
const holders: ChildProcess[] = [];
afterAll(() => {
  for (const h of holders) h.kill('SIGKILL');
});

beforeAll(async () => {
  const root = tempDir('hs-bad-input-');
  // Fixtures: a finished run with dropout, and a finished SQLite study.
  const fixtures = join(root, 'fixtures');
  writeSpec(fixtures, 'run.yaml', fxSpec());
  cli(['train', 'run.yaml', '--run-dir', 'run', '--quiet'], fixtures);
  const studyDir = join(fixtures, 'study');
  writeSpec(studyDir, 'search.yaml', irisSearch());
  cli(['search', 'search.yaml', '--quiet'], studyDir);
  const fx: Fixtures = {
    run: (dest) => cpSync(join(fixtures, 'run'), dest, { recursive: true }),
    study: (dest) => cpSync(studyDir, dest, { recursive: true }),
    inUse: (dir, mode, command) => {
      const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
      holders.push(holder);
      mkdirSync(join(dir, '.hyperspec-lock'), { recursive: true });
      const record = { pid: holder.pid, host: hostname(), mode, started: '2026-01-01T00:00:00.000Z', command };
      writeFileSync(join(dir, '.hyperspec-lock', `${hostname()}-${holder.pid}-held.json`), JSON.stringify(record));
      return holder.pid!;
    },
  };

  const before = new Map<number, Map<string, string>>();
  const batch: { id: number; cwd: string; args: string[] }[] = [];
  const alone: { id: number; cwd: string; args: string[] }[] = [];
  cases.forEach((c, id) => {
    const dir = join(root, 'cases', String(id));
    mkdirSync(dir, { recursive: true });
    c.setup?.(dir, fx);
    before.set(id, snapshot(dir));
    const args = typeof c.args === 'function' ? c.args(dir) : c.args;
    (c.isolated ? alone : batch).push({ id, cwd: dir, args });
  });

  // Two batch processes (the machine has two cores), then the isolated cases two at a time.
  const halves = [batch.filter((_, i) => i % 2 === 0), batch.filter((_, i) => i % 2 === 1)];
  const results = new Map<number, Outcome>();
  for (const part of await Promise.all(halves.map((h, i) => runBatch(h, root, String(i))))) for (const [id, r] of part) results.set(id, r);
  for (let i = 0; i < alone.length; i += 2) {
    const pair = alone.slice(i, i + 2);
    const rs = await Promise.all(pair.map((a) => runAlone(a.cwd, a.args)));
    pair.forEach((a, k) => results.set(a.id, rs[k]));
  }
  for (const [id, r] of results) {
    const after = snapshot(join(root, 'cases', String(id)));
    const changed = [...before.get(id)!].filter(([path, hash]) => after.get(path) !== hash).map(([path]) => path);
    const strayTemporaries = [...after.keys()].filter((path) => path.endsWith('.tmp') && !before.get(id)!.has(path));
    outcomes.set(id, { ...r, changed: [...changed, ...strayTemporaries.map((p) => `left behind: ${p}`)] });
  }
}, 600_000);

describe('the bad-input corpus', () => {
  it('has at least 150 cases, across specs, data files, checkpoints, study databases, plugins and file-system faults', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const groups = new Set(cases.map((c) => c.group));
    expect([...groups].sort()).toEqual(['checkpoint', 'data', 'fs', 'plugin', 'spec', 'study']);
    expect(new Set(cases.map((c) => c.name)).size, 'case names are unique').toBe(cases.length);
  });

  it.each(cases.map((c, id) => [c.name, id] as const))('%s', (_name, id) => {
    const c = cases[id];
    const r = outcomes.get(id);
    expect(r, 'the case ran to the end').toBeDefined();
    const output = `exit ${r!.code}\nstdout:\n${r!.stdout}\nstderr:\n${r!.stderr}`;
    expect(r!.code, output).toBe(c.code ?? 1);
    expect(r!.stderr, output).toMatch(c.message);
    if (c.code === 2) {
      expect(r!.stderr, 'a bug is reported as one').toMatch(/^internal error: /m);
    } else {
      expect(r!.stderr, 'an error message, not a crash').toMatch(/^error: /m);
      expect(r!.stderr + r!.stdout, 'not reported as a bug').not.toMatch(/internal error/);
    }
    expect(r!.stderr + r!.stdout, 'no stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(r!.changed, 'no existing file changed, no temporary file left').toEqual([]);
  });
});
