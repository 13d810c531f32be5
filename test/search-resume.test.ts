import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli-helpers.js';
import { cli, quickIris, readStudies, searchOutput, sleep, startCli, writeSpec } from './search-helpers.js';

const EPOCHS = 60;
/** SQLite storage with a one-second lease, so a killed worker's trial is reclaimed quickly. */
const spec = (search: Record<string, unknown> = {}) => quickIris({ trials: 5, parallel: 1, storage: { type: 'sqlite', lease_seconds: 1 }, ...search }, EPOCHS);

async function waitFor(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('a search killed mid-trial', () => {
  it('resumes: exactly the requested trials, no duplicate numbers, nothing finished lost, the killed trial reclaimed', async () => {
    const dir = tempDir();
    const file = writeSpec(dir, 'iris-search', spec());
    const studyDir = join(dir, 'runs/iris-search-study');
    const db = join(studyDir, 'study.db');

    const { child, done } = startCli(['search', file], dir);
    await waitFor(() => existsSync(join(studyDir, 'trials/2/checkpoint.json')), 'trial 2 to train an epoch');
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');

    const [before] = await readStudies(db);
    const running = before.trials.filter((t) => t.state === 'running');
    expect(running, 'the kill left one trial running').toHaveLength(1);
    const k = running[0].number;
    const finished = before.trials.filter((t) => t.state === 'complete');
    expect(finished.length).toBeGreaterThanOrEqual(2);
    const epochsBeforeKill = readFileSync(join(studyDir, `trials/${k}/metrics.jsonl`), 'utf8').trim().split('\n').length;
    expect(epochsBeforeKill, 'the trial was killed mid-training').toBeLessThan(EPOCHS);

    const again = cli(['search', file], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`trial ${k} running .*\\(reclaimed, resuming\\)`));
    const [after] = await readStudies(db);
    expect(after.trials.map((t) => [t.number, t.state])).toEqual([0, 1, 2, 3, 4].map((n) => [n, 'complete']));
    for (const t of finished) expect(after.trials[t.number], `finished trial ${t.number} is kept as it was`).toEqual(t);
    expect(after.trials[k].params).toEqual(running[0].params);
    // Resumed from its checkpoint: every epoch recorded once.
    const epochs = readFileSync(join(studyDir, `trials/${k}/metrics.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l).epoch);
    expect(epochs).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));

    // The interrupted study ends exactly where an uninterrupted one does.
    const whole = cli(['search', file, '--study-dir', join(dir, 'whole')], dir);
    expect(whole.code, whole.stderr).toBe(0);
    const [reference] = await readStudies(join(dir, 'whole/study.db'));
    expect(after.trials.map((t) => [t.params, t.value])).toEqual(reference.trials.map((t) => [t.params, t.value]));

    // A changed space is refused, naming both; --new-study starts over and keeps the old directory.
    const changed = writeSpec(dir, 'iris-search', spec({ space: { 'model.units': { type: 'int', low: 4, high: 64 } } }));
    const refused = cli(['search', changed], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/study "iris-search" in sqlite storage \S*study\.db was made with a different search space \(stored space [0-9a-f]{12}, this spec's space [0-9a-f]{12}: removed train\.optimizer\.learning_rate; changed model\.units\)/);
    expect(refused.stderr).toMatch(/--new-study/);
    const fresh = cli(['search', changed, '--new-study'], dir);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(searchOutput(fresh)).toMatchObject({ trials: 5, ran: 5 });
    expect(readdirSync(join(dir, 'runs')).filter((d) => d.startsWith('iris-search-study.'))).toHaveLength(1);
  });
});

describe('two processes on one SQLite study', () => {
  it('share the trials: no duplicate or lost trial, each trial run once', async () => {
    const dir = tempDir();
    const file = writeSpec(dir, 'iris-search', spec({ trials: 10 }));
    const a = startCli(['search', file], dir);
    const b = startCli(['search', file], dir);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const [oa, ob] = [searchOutput(ra), searchOutput(rb)];
    expect(oa.ran + ob.ran, 'every trial was run by exactly one process').toBe(10);
    expect(Math.min(oa.ran, ob.ran), 'both processes ran trials').toBeGreaterThan(0);
    const [stored] = await readStudies(join(dir, 'runs/iris-search-study/study.db'));
    expect(stored.trials.map((t) => [t.number, t.state])).toEqual(Array.from({ length: 10 }, (_, n) => [n, 'complete']));
    for (const t of stored.trials) expect(Object.keys(t.intermediate)).toHaveLength(EPOCHS);
  });
});
