import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStudy } from 'hyperspec';
import { tuneIris } from '../examples/programmatic/tune-iris.js';
import { tempDir } from './cli-helpers.js';
import { repoRoot } from './repo-paths.js';
import { readStudies, sleep } from './search-helpers.js';

const space = { x: { type: 'uniform', low: 0, high: 1 }, k: { type: 'int', low: 1, high: 9 } };

describe('ask and tell from code', () => {
  it('the programmatic example tunes iris with two trials at once, pruning on the way, and resumes', async () => {
    const dir = tempDir();
    const first = await tuneIris(dir, 8);
    expect(first.trials).toBe(8);
    expect(first.best).toBeGreaterThanOrEqual(0.9);
    const [stored] = await readStudies(join(dir, 'iris-study.db'));
    expect(stored.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(stored.trials.every((t) => t.state === 'complete' || t.state === 'pruned')).toBe(true);
    // Run again with a larger budget: the stored trials count, only the new ones run.
    const again = await tuneIris(dir, 10);
    expect(again.trials).toBe(10);
    expect(again.best).toBeGreaterThanOrEqual(first.best);
  });

  it('optimize with parallel: 2 runs every trial number exactly once: none duplicated, none lost', async () => {
    const study = await openStudy({ space, searcher: { type: 'tpe', n_startup_trials: 5 }, storage: { type: 'sqlite', path: join(tempDir(), 's.db') } });
    const calls = new Map<number, number>();
    let running = 0;
    let overlap = 0;
    const result = await study.optimize(async (trial) => {
      calls.set(trial.number, (calls.get(trial.number) ?? 0) + 1);
      running++;
      overlap = Math.max(overlap, running);
      await sleep(5 + (trial.number % 3) * 7);
      running--;
      return (Number(trial.params.x) - 0.3) ** 2 + Number(trial.params.k) / 100;
    }, { trials: 24, parallel: 2 });
    await study.close();
    expect(overlap, 'two trials ran at once').toBe(2);
    expect(result.ran).toBe(24);
    expect(result.trials.map((t) => [t.number, t.state])).toEqual(Array.from({ length: 24 }, (_, i) => [i, 'complete']));
    expect([...calls.entries()].sort((a, b) => a[0] - b[0])).toEqual(Array.from({ length: 24 }, (_, i) => [i, 1]));
    for (const t of result.trials) expect(t.value).toBeCloseTo((t.params.x - 0.3) ** 2 + t.params.k / 100, 12);
  });

  it('a process killed with SIGKILL mid-trial: another process reclaims its trial (same number and parameters) once the lease runs out', async () => {
    const db = join(tempDir(), 'study.db');
    const child = spawn(process.execPath, [join(repoRoot, 'test/fixtures/ask-and-hang.mjs'), db], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`the child exited with ${code} before asking`)));
    });
    const asked = JSON.parse(line) as { number: number; raw: Record<string, number> };
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));

    const study = await openStudy({ name: 'reclaim', space, searcher: { type: 'random' }, storage: { type: 'sqlite', path: db, lease_seconds: 1 } });
    const fresh = await study.ask();
    expect(fresh.number, 'while the lease holds, the killed trial is not taken').toBe(1);
    expect(fresh.reclaimed).toBe(false);
    await study.tell(fresh, 0.25);
    await sleep(1200);
    const reclaimed = await study.ask();
    expect(reclaimed).toMatchObject({ number: asked.number, raw: asked.raw, reclaimed: true });
    await study.tell(reclaimed, 0.5);
    const trials = await study.trials();
    await study.close();
    expect(trials.map((t) => [t.number, t.state, t.value])).toEqual([[0, 'complete', 0.5], [1, 'complete', 0.25]]);
    expect(trials[0].intermediate, 'the dead process\'s report is kept').toEqual({ 1: 0.5 });
  });

  it('tells several objectives and constraints; the Pareto front keeps feasible non-dominated trials', async () => {
    const study = await openStudy({ space, directions: ['minimize', 'maximize'], searcher: { type: 'random' } });
    for (let i = 0; i < 12; i++) {
      const t = await study.ask();
      const x = Number(t.params.x);
      await study.tell(t, [x, x * x], { constraints: [x - 0.8] });
    }
    const front = await study.pareto();
    const trials = await study.trials();
    // f1 = x minimised, f2 = x² maximised: every feasible trial trades one for the other.
    expect(front.map((e) => e.number).sort((a, b) => a - b)).toEqual(trials.filter((t) => t.params.x <= 0.8).map((t) => t.number));
    expect(trials.every((t) => t.values!.length === 2 && t.constraints!.length === 1)).toBe(true);
    await expect(study.tell(await study.ask(), 'x' as never)).rejects.toThrow(/cannot read "x" as a trial's outcome/);
    await study.close();
  });
});
