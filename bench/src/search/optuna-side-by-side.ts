import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ParamValues } from '@hyperspec/core';
import type { TestFunction } from './test-functions.js';

/** bench/search_optuna.py, from src/search or dist/search alike. */
const SCRIPT = fileURLToPath(new URL('../../search_optuna.py', import.meta.url));

export interface OptunaProbe {
  python: string;
  version: string;
  samplers: Record<string, string>;
  tpe: Record<string, unknown>;
}

/**
 * Finds a Python with Optuna: $HYPERSPEC_BENCH_PYTHON, then `python3` on the PATH, then
 * /usr/bin/python3 (Debian's python3-optuna installs there, while another python3 may come first).
 */
export function probeOptuna(): OptunaProbe | { skipped: string } {
  const failures: string[] = [];
  for (const python of [process.env.HYPERSPEC_BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c)) {
    try {
      const out = JSON.parse(execFileSync(python, [SCRIPT, 'probe'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Omit<OptunaProbe, 'python'>;
      return { python, ...out };
    } catch (e) {
      failures.push(`${python}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return { skipped: `no Python with optuna (${failures.join('; ')})` };
}

/**
 * Evaluates every function at its minimiser and at seeded points on both sides; throws unless the
 * Python definitions give the TypeScript values (so both sides optimise the same problems).
 */
export function checkSameFunctions(python: string, functions: readonly TestFunction[], points = 20): number {
  const request: Record<string, number[][]> = {};
  const expected: Record<string, number[]> = {};
  for (const fn of functions) {
    const names = Object.keys(fn.space);
    const at: ParamValues[] = [fn.minimiser];
    for (let k = 0; k < points; k++) {
      // A fixed low-discrepancy walk through the box (no shared generator needed between languages).
      at.push(Object.fromEntries(names.map((n, i) => {
        const r = fn.space[n] as { low: number; high: number };
        return [n, r.low + (r.high - r.low) * (((k + 1) * (0.6180339887 + 0.1 * i)) % 1)];
      })));
    }
    request[fn.name] = at.map((p) => names.map((n) => p[n] as number));
    expected[fn.name] = at.map((p) => fn.evaluate(p));
  }
  const got = JSON.parse(execFileSync(python, [SCRIPT, 'check'], { encoding: 'utf8', input: JSON.stringify(request) })) as Record<string, number[]>;
  for (const [name, values] of Object.entries(expected)) {
    values.forEach((v, i) => {
      const g = got[name]?.[i];
      if (g === undefined || Math.abs(g - v) > 1e-9 * Math.max(1, Math.abs(v))) throw new Error(`${name}: Python gives ${g}, TypeScript ${v} at ${JSON.stringify(request[name][i])}`);
    });
  }
  return points + 1;
}

export interface OptunaRun {
  /** sampler → function → budget → best value per seed. */
  results: Record<string, Record<string, Record<string, number[]>>>;
  seconds: Record<string, number>;
}

/** Runs the samplers on the functions in a child process (so it can overlap with our searchers). */
export function runOptuna(python: string, args: { seeds: number; trials: number; budgets: number[]; functions: string[]; samplers: string[] }, log: (line: string) => void): Promise<OptunaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [SCRIPT, 'run', String(args.seeds), String(args.trials), args.budgets.join(','), args.functions.join(','), args.samplers.join(',')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(l)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as OptunaRun) : reject(new Error(`search_optuna.py exited with ${code}`))));
  });
}
