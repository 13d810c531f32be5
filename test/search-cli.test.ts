import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli-helpers.js';
import { repoRoot } from './repo-paths.js';
import { cli, quickIris, readStudies, searchOutput, shortMnist, writeSpec } from './search-helpers.js';

describe('hyperspec search on a shortened search-mnist spec', () => {
  it('grid enumerates exactly the product of the space, and best.yaml trains with hyperspec train', () => {
    const dir = tempDir();
    const units = [16, 48];
    const optimizers = [{ type: 'adam', learning_rate: 0.003 }, { type: 'sgd', momentum: 0.9, learning_rate: 0.1 }];
    const file = writeSpec(dir, 'grid', shortMnist({
      searcher: { type: 'grid' },
      trials: undefined,
      timeout: 600, // no trial count: the budget is the grid's size
      pruner: undefined,
      space: { 'model.units': { type: 'choice', values: units }, 'train.optimizer': { type: 'choice', values: optimizers } },
    }));
    const r = cli(['search', file], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = searchOutput(r);
    expect(out).toMatchObject({ trials: 4, complete: 4, pruned: 0, failed: 0, ran: 4 });
    const leaderboard = JSON.parse(readFileSync(join(out.study_dir, 'leaderboard.json'), 'utf8'));
    const points = leaderboard.trials.map((t: { params: Record<string, number> }) => `${t.params['model.units']}|${t.params['train.optimizer']}`).sort();
    expect(points).toEqual(['0|0', '0|1', '1|0', '1|1']);
    for (const n of [0, 1, 2, 3]) expect(existsSync(join(out.study_dir, 'trials', String(n), 'parameters.safetensors'))).toBe(true);
    expect(r.stderr).toMatch(/rank\s+trial\s+val_accuracy/);

    const train = cli(['train', out.best_spec!, '--quiet'], dir);
    expect(train.code, train.stderr).toBe(0);
    const trained = JSON.parse(train.stdout.trim().split('\n').pop()!);
    // best.yaml carries the best trial's values and seed, so retraining repeats the trial exactly.
    expect(trained.val_accuracy).toBe(out.best!.value);
    const best = readFileSync(out.best_spec!, 'utf8');
    expect(best).not.toMatch(/^search:/m);
    expect(best).toMatch(new RegExp(`^  units: ${out.best!.params['model.units']}$`, 'm'));
  });

  it('random: the same spec repeats the same trials; ASHA stops weak trials early', () => {
    const dir = tempDir();
    const spec = shortMnist({ searcher: { type: 'random' }, trials: 6, parallel: 1, pruner: { type: 'asha' } }, 4); // one at a time: ASHA's decisions must not depend on finish order
    const file = writeSpec(dir, 'random', spec);
    const first = cli(['search', file, '--study-dir', join(dir, 'a')], dir);
    const second = cli(['search', file, '--study-dir', join(dir, 'b')], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const trials = (d: string) => JSON.parse(readFileSync(join(dir, d, 'leaderboard.json'), 'utf8')).trials as { number: number; params: object; state: string; intermediate: Record<string, number> }[];
    const a = trials('a');
    expect(trials('b').map((t) => t.params)).toEqual(a.map((t) => t.params));
    const pruned = a.filter((t) => t.state === 'pruned');
    expect(pruned.length, 'ASHA keeps a third at its rungs: some of 6 trials stop').toBeGreaterThan(0);
    for (const t of pruned) expect([1, 3], 'a pruned trial stops at a rung (epoch 1 or 3) of its 4').toContain(Object.keys(t.intermediate).length);
    expect(first.stderr).toMatch(/trial \d+ pruned .*\(after epoch [13]\)/);
  });

  it('bayes with SQLite storage, then hyperspec study summarises it', async () => {
    const dir = tempDir();
    const file = writeSpec(dir, 'bayes', shortMnist({ trials: 5, pruner: undefined }));
    const r = cli(['search', file], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = searchOutput(r);
    expect(out).toMatchObject({ trials: 5, complete: 5 });
    expect(out.best!.value).toBeGreaterThan(0.3);
    const [stored] = await readStudies(join(out.study_dir, 'study.db'));
    expect(stored.study.meta.best).toMatchObject({ number: out.best!.trial, value: out.best!.value });
    const summary = cli(['study', out.study_dir], dir);
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toMatch(/study "search-mnist": maximize val_accuracy/);
    expect(summary.stdout).toMatch(/trials: 5 \(5 complete\)/);
    expect(summary.stdout).toMatch(/model\.units\s+\d+ … \d+\s+\(5 trials\)/);
    expect(summary.stdout).toMatch(/train\.optimizer\s+(adam|sgd) ×\d/);
  });
});

describe('the search examples', () => {
  it('search-iris.yaml runs as written (TPE, median pruner, SQLite, two workers)', async () => {
    const dir = tempDir();
    const r = cli(['search', join(repoRoot, 'examples/search-iris.yaml')], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = searchOutput(r);
    expect(out.trials).toBe(12);
    expect(out.complete + out.pruned).toBe(12);
    expect(out.best!.value, 'the best trial separates the iris classes').toBeLessThan(0.35);
    expect(existsSync(join(dir, 'runs/search-iris-study/study.db'))).toBe(true);
  });
});

describe('failing trials', () => {
  it('a trial whose loss becomes NaN is recorded failed with the reason, and the study goes on', () => {
    const dir = tempDir();
    const spec = quickIris({ trials: 4, objective: { metric: 'val_accuracy' }, space: { 'train.optimizer.learning_rate': { type: 'uniform', low: 5, high: 10 } } }, 10);
    spec.model = { type: 'mlp', hidden_layers: 2, units: 64 };
    spec.train.batch_size = 8;
    const r = cli(['search', writeSpec(dir, 'nan', spec)], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = searchOutput(r);
    expect(out.trials).toBe(4);
    expect(out.failed).toBeGreaterThan(0);
    const board = JSON.parse(readFileSync(join(out.study_dir, 'leaderboard.json'), 'utf8'));
    for (const t of board.trials.filter((x: { state: string }) => x.state === 'failed')) expect(t.reason).toMatch(/the loss became (NaN|Infinity|-Infinity) at epoch \d+/);
    const summary = cli(['study', out.study_dir], dir);
    expect(summary.stdout).toMatch(/failed trials:\n  trial \d+: the loss became/);
  });
});

describe('invalid search specs', () => {
  it('are rejected before anything trains, with the location of the problem', () => {
    const dir = tempDir();
    const badRange = writeSpec(dir, 'bad-range', quickIris({ trials: 2, space: { 'train.optimizer.learning_rate': { type: 'loguniform', low: 0, high: 0.1 } } }));
    const r = cli(['search', badRange], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-range\.yaml:\d+:\d+ search\.space\.train\.optimizer\.learning_rate/);
    const typo = writeSpec(dir, 'typo', quickIris({ trials: 2, space: { 'train.optimizer.learning_rat': { type: 'uniform', low: 0.01, high: 0.1 } } }));
    const t = cli(['search', typo], dir);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/typo\.yaml:\d+:\d+ search\.space/);
    expect(t.stderr).toMatch(/learning_rate/);
    expect(existsSync(join(dir, 'runs')), 'nothing ran: no study directory').toBe(false);
  });
});
