import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '@hyperspec/core';
import { tempDir } from './cli-helpers.js';
import { cli, quickIris, readStudies, startCli, writeSpec, type SpecData } from './search-helpers.js';

/**
 * kill -9 at 20 random moments of a `train` and of a `search`, resuming after each, then to the end:
 * the result is exactly the uninterrupted one. The moments are drawn (seeded, so a failure repeats)
 * uniformly over the uninterrupted command's own duration, so they fall in start-up, mid-epoch, in a
 * checkpoint write, between trials — wherever the time goes.
 */
const KILLS = 20;
/**
 * The test must really kill: at least this many of the attempts die by SIGKILL. Not "most": the moments
 * are drawn over the uninterrupted run's duration, timed once, and on a loaded machine later attempts can
 * run faster than that timing and finish first (seen: 9 of 20 under a load of 5–9 on two cores).
 */
const MIN_KILLS = KILLS / 4;

/** Starts the CLI, kills it with SIGKILL after `ms` (unless it ended first); resolves when it is gone. */
async function killAfter(args: string[], cwd: string, ms: number): Promise<{ killed: boolean; code: number; stderr: string }> {
  const { child, done } = startCli(args, cwd);
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  const r = await done;
  clearTimeout(timer);
  return { killed: r.signal === 'SIGKILL', code: r.code, stderr: r.stderr };
}

async function timed(fn: () => void): Promise<number> {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** A tiny iris run with dropout, whose masks must continue exactly across a resume. */
function dropoutIris(): SpecData {
  return {
    name: 'kill-train',
    seed: 9,
    data: { type: 'iris', standardize: true, validation_split: 0.2 },
    model: { type: 'sequential', layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dropout', rate: 0.3 }, { type: 'dense', units: 3 }] },
    loss: { type: 'cross_entropy' },
    metrics: ['accuracy'],
    train: { epochs: 80, batch_size: 8, optimizer: { type: 'adam', learning_rate: 0.01 } },
  };
}

describe.concurrent('kill -9 and resume', () => {
  it('train with dropout: after 20 kills the parameters are bit-identical to an uninterrupted run', async () => {
    const dir = tempDir();
    const file = writeSpec(dir, 'kill-train', dropoutIris());
    const whole = join(dir, 'whole');
    const duration = await timed(() => {
      const r = cli(['train', file, '--run-dir', whole, '--quiet'], dir);
      if (r.code !== 0) throw new Error(r.stderr);
    });
    const run = join(dir, 'run');
    const rng = new Rng(2024);
    let kills = 0;
    for (let i = 0; i < KILLS; i++) {
      // A run killed before its first checkpoint has nothing to resume: it starts over (--overwrite keeps the old directory aside).
      const args = existsSync(join(run, 'checkpoint.json')) ? ['train', '--resume', run, '--quiet'] : ['train', file, '--run-dir', run, '--overwrite', '--quiet'];
      const r = await killAfter(args, dir, rng.uniform(0, duration));
      if (r.killed) kills++;
      else expect(r.code, r.stderr).toBe(0);
    }
    expect(kills, 'enough attempts were killed before the end').toBeGreaterThanOrEqual(MIN_KILLS);
    if (!existsSync(join(run, 'report.json'))) {
      const args = existsSync(join(run, 'checkpoint.json')) ? ['train', '--resume', run, '--quiet'] : ['train', file, '--run-dir', run, '--overwrite', '--quiet'];
      const last = cli(args, dir);
      expect(last.code, last.stderr).toBe(0);
    }
    expect(readFileSync(join(run, 'parameters.safetensors')).equals(readFileSync(join(whole, 'parameters.safetensors'))), 'parameters bit-identical').toBe(true);
    expect(readFileSync(join(run, 'metrics.jsonl'), 'utf8')).toBe(readFileSync(join(whole, 'metrics.jsonl'), 'utf8'));
  });

  it('search: after 20 kills the study\'s trial table equals an uninterrupted study\'s', async () => {
    const dir = tempDir();
    const spec = quickIris({ trials: 4, parallel: 1, storage: { type: 'sqlite', lease_seconds: 1 } }, 20);
    const file = writeSpec(dir, 'iris-search', spec);
    const duration = await timed(() => {
      const r = cli(['search', file, '--study-dir', join(dir, 'whole'), '--quiet'], dir);
      if (r.code !== 0) throw new Error(r.stderr);
    });
    const rng = new Rng(4202);
    let kills = 0;
    for (let i = 0; i < KILLS; i++) {
      const r = await killAfter(['search', file, '--quiet'], dir, rng.uniform(0, duration));
      if (r.killed) kills++;
      else expect(r.code, r.stderr).toBe(0);
    }
    expect(kills, 'enough attempts were killed before the end').toBeGreaterThanOrEqual(MIN_KILLS);
    const last = cli(['search', file, '--quiet'], dir);
    expect(last.code, last.stderr).toBe(0);
    const table = async (db: string) => (await readStudies(db))[0].trials.map((t) => ({ number: t.number, state: t.state, params: t.params, value: t.value, intermediate: t.intermediate, reason: t.reason }));
    const killed = await table(join(dir, 'runs/iris-search-study/study.db'));
    expect(killed).toEqual(await table(join(dir, 'whole/study.db')));
    expect(killed.map((t) => t.state)).toEqual(['complete', 'complete', 'complete', 'complete']);
  });
});
