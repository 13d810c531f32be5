import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli-helpers.js';
import { cli, quickIris, readStudies, searchOutput, sleep, startCli, writeSpec, type SpecData } from './search-helpers.js';

const iris = (over: SpecData = {}): SpecData => ({
  name: 'keep',
  seed: 3,
  data: { type: 'iris', validation_split: 0.2 },
  model: { type: 'mlp', hidden_layers: 1, units: 8, activation: 'relu' },
  loss: { type: 'cross_entropy' },
  metrics: ['accuracy'],
  train: { epochs: 3, batch_size: 16, optimizer: { type: 'sgd', learning_rate: 0.05, momentum: 0.9 } },
  ...over,
});

async function waitFor(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('a run directory is never destroyed', () => {
  it('--overwrite moves the earlier run aside, intact, and trains into a fresh directory', () => {
    const dir = tempDir();
    const a = writeSpec(dir, 'a', iris());
    const b = writeSpec(dir, 'b', iris({ model: { type: 'mlp', hidden_layers: 1, units: 5, activation: 'relu' } }));
    expect(cli(['train', a, '--run-dir', 'run', '--quiet'], dir).code).toBe(0);
    const before = Object.fromEntries(readdirSync(join(dir, 'run')).map((f) => [f, readFileSync(join(dir, 'run', f))]));
    const r = cli(['train', b, '--run-dir', 'run', '--overwrite', '--quiet'], dir);
    expect(r.code, r.stderr).toBe(0);
    const aside = readdirSync(dir).filter((f) => f.startsWith('run.'));
    expect(aside).toHaveLength(1);
    expect(r.stderr).toContain(`--overwrite: moved the old run directory to ${join(dir, aside[0])}`);
    for (const [f, bytes] of Object.entries(before)) expect(readFileSync(join(dir, aside[0], f)).equals(bytes), `${f} kept`).toBe(true);
    expect(readFileSync(join(dir, 'run', 'spec.resolved.yaml'), 'utf8')).toMatch(/units: 5/);
    expect(readFileSync(join(dir, 'run', 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('train --resume with a spec that only grows train.epochs continues exactly as a longer run would', () => {
    const dir = tempDir();
    const short = writeSpec(dir, 'short', iris());
    const long = writeSpec(dir, 'long', iris({ train: { ...iris().train, epochs: 5 } }));
    expect(cli(['train', short, '--run-dir', 'grown', '--quiet'], dir).code).toBe(0);
    const grown = cli(['train', long, '--resume', 'grown', '--quiet'], dir);
    expect(grown.code, grown.stderr).toBe(0);
    expect(JSON.parse(grown.stdout.trim().split('\n').pop()!).epochs).toBe(5);
    expect(readFileSync(join(dir, 'grown', 'spec.resolved.yaml'), 'utf8')).toMatch(/epochs: 5/);
    expect(cli(['train', long, '--run-dir', 'whole', '--quiet'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'grown', 'metrics.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'whole', 'metrics.jsonl'), 'utf8'));
    expect(readFileSync(join(dir, 'grown', 'parameters.safetensors')).equals(readFileSync(join(dir, 'whole', 'parameters.safetensors')))).toBe(true);
  });
});

describe('interrupted', () => {
  it('Ctrl-C ends a training at once (the shell reports 130), and the run resumes to the end', async () => {
    const dir = tempDir();
    const file = writeSpec(dir, 'long', iris({ train: { ...iris().train, epochs: 300 } }));
    const running = startCli(['train', file, '--run-dir', 'run', '--quiet'], dir);
    await waitFor(() => existsSync(join(dir, 'run', 'checkpoint.json')), 'the first checkpoint');
    running.child.kill('SIGINT');
    const stopped = await running.done;
    // Ended by SIGINT itself, which a shell reports as exit code 128 + 2 = 130.
    expect(stopped.signal, stopped.stderr).toBe('SIGINT');
    const resumed = cli(['train', '--resume', 'run', '--quiet'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout.trim().split('\n').pop()!).epochs).toBe(300);
  });
});

describe('a study is never destroyed', () => {
  it('--new-study is refused while another process works on the study, which then finishes every trial', async () => {
    const dir = tempDir();
    const file = writeSpec(dir, 'iris-search', quickIris({ trials: 2, parallel: 1, storage: { type: 'sqlite' } }, 150));
    const studyDir = join(dir, 'runs/iris-search-study');
    const running = startCli(['search', file, '--quiet'], dir);
    await waitFor(() => existsSync(join(studyDir, 'trials/0/checkpoint.json')), 'the first trial to train an epoch');
    // Paused while the second search starts, so the first cannot finish in the meantime on a fast machine;
    // a stopped process is still alive and still holds its lock.
    running.child.kill('SIGSTOP');
    let refused: ReturnType<typeof cli>;
    try {
      refused = cli(['search', file, '--new-study', '--quiet'], dir);
    } finally {
      running.child.kill('SIGCONT');
    }
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`error: study directory ${studyDir} is in use by process ${running.child.pid} \\(hyperspec search\\), since .*, so it cannot be moved aside`));
    const done = await running.done;
    expect(done.code, done.stderr).toBe(0);
    expect(searchOutput(done)).toMatchObject({ trials: 2, complete: 2, failed: 0 });
    expect(readdirSync(join(dir, 'runs')).filter((f) => f.startsWith('iris-search-study.'))).toEqual([]);
  });

  it('a study kept in a database outside the study directory is locked beside that file: --new-study from another directory is refused', async () => {
    const dir = tempDir();
    const db = join(dir, 'shared', 'studies.db');
    const file = writeSpec(dir, 'iris-search', quickIris({ trials: 2, parallel: 1, storage: { type: 'sqlite', path: db } }, 150));
    const running = startCli(['search', file, '--study-dir', 'a', '--quiet'], dir);
    await waitFor(() => existsSync(join(dir, 'a/trials/0/checkpoint.json')), 'the first trial to train an epoch');
    running.child.kill('SIGSTOP');
    let refused: ReturnType<typeof cli>;
    try {
      refused = cli(['search', file, '--study-dir', 'b', '--new-study', '--quiet'], dir);
    } finally {
      running.child.kill('SIGCONT');
    }
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`error: study "iris-search" in ${db} is in use by process ${running.child.pid} (hyperspec search)`);
    const done = await running.done;
    expect(done.code, done.stderr).toBe(0);
    expect(searchOutput(done)).toMatchObject({ trials: 2, complete: 2, failed: 0 });
    // Once nobody works on it, --new-study from the other directory starts it over.
    const fresh = cli(['search', file, '--study-dir', 'b', '--new-study', '--quiet'], dir);
    expect(fresh.code, fresh.stderr).toBe(0);
  });

  it('a reclaimed trial whose checkpoint is unreadable restarts with its number and parameters, and is never recorded failed', async () => {
    const dir = tempDir();
    const file = writeSpec(dir, 'iris-search', quickIris({ trials: 3, parallel: 1, storage: { type: 'sqlite', lease_seconds: 1 } }, 40));
    const studyDir = join(dir, 'runs/iris-search-study');
    const first = startCli(['search', file, '--quiet'], dir);
    await waitFor(() => existsSync(join(studyDir, 'trials/1/checkpoint.json')), 'trial 1 to train an epoch');
    first.child.kill('SIGKILL');
    await first.done;
    writeFileSync(join(studyDir, 'trials/1/checkpoint.json'), '{"epoch": 3, "ste');
    await sleep(1100); // the killed trial's lease runs out
    const again = cli(['search', file, '--quiet'], dir);
    expect(again.code, again.stderr).toBe(0);
    const reference = cli(['search', file, '--study-dir', join(dir, 'whole'), '--quiet'], dir);
    expect(reference.code, reference.stderr).toBe(0);
    const table = async (db: string) => (await readStudies(db))[0].trials.map((t) => ({ number: t.number, state: t.state, params: t.params, value: t.value, intermediate: t.intermediate }));
    const resumed = await table(join(studyDir, 'study.db'));
    expect(resumed.map((t) => t.state)).toEqual(['complete', 'complete', 'complete']);
    expect(resumed).toEqual(await table(join(dir, 'whole/study.db')));
    expect(readFileSync(join(studyDir, 'trials/1/log.jsonl'), 'utf8')).toMatch(/"event":"restart".*not valid JSON/);
  });
});
