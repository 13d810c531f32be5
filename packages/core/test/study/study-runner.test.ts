import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MemoryStorage } from '@hyperspec/storage-memory';
import { isHyperspecError, type Searcher } from '@hyperspec/core';
import { runStudy, studyDirFor, trialRng, type StudyRunOptions } from '@hyperspec/core/study';
import { FakeExecutor, fakeCurve, fakeSpec, randomSearcher, tempDir, thresholdPruner } from './fake-study.js';

function setup(overrides: Partial<StudyRunOptions> = {}, search = {}): StudyRunOptions {
  const dir = tempDir();
  const spec = fakeSpec(dir, search);
  return { spec, baseDir: dir, studyDir: studyDirFor(spec), storage: new MemoryStorage({ lease_seconds: 60 }), searcher: randomSearcher, executor: new FakeExecutor(), ...overrides };
}

describe('study runner', () => {
  it('runs the trial budget, applies each trial\'s values and seed, and writes best.yaml and the leaderboard', async () => {
    const o = setup();
    writeFileSync(join(o.baseDir, 'data.csv'), 'x,y\n1,2\n');
    const executor = o.executor as FakeExecutor;
    const result = await runStudy(o);
    expect(result.trials.map((t) => [t.number, t.state])).toEqual([0, 1, 2, 3, 4, 5].map((n) => [n, 'complete']));
    for (const task of executor.tasks) {
      const trial = result.trials[task.number];
      expect(task.spec.seed).toBe(7 + task.number);
      expect(task.spec.train.optimizer.learning_rate).toBe(trial.params['train.optimizer.learning_rate']);
      expect(task.spec.model.units).toBe([4, 16, 64][trial.params['model.units']]);
      expect(task.spec).not.toHaveProperty('search');
      expect(task.spec.data.path, 'relative data paths are anchored to the spec directory').toBe(join(o.baseDir, 'data.csv'));
      expect(task.runDir).toBe(join(o.studyDir, 'trials', String(task.number)));
      // The objective of a complete trial is the metric at its last epoch; every epoch was reported.
      expect(trial.value).toBeCloseTo(fakeCurve(task.spec, 6), 12);
      expect(Object.keys(trial.intermediate)).toEqual(['1', '2', '3', '4', '5', '6']);
    }
    const best = result.trials.reduce((a, b) => (b.value! < a.value! ? b : a));
    expect(result.best?.number).toBe(best.number);
    const bestSpec = parse(readFileSync(result.files.bestSpec!, 'utf8'));
    expect(bestSpec.search).toBeUndefined();
    expect(bestSpec.seed).toBe(7 + best.number);
    expect(bestSpec.train.optimizer.learning_rate).toBe(best.params['train.optimizer.learning_rate']);
    const board = JSON.parse(readFileSync(result.files.leaderboard, 'utf8'));
    expect(board.leaderboard.map((e: { number: number }) => e.number)[0]).toBe(best.number);
    expect(board.counts).toEqual({ complete: 6, pruned: 0, failed: 0, running: 0 });
  });

  it('suggests from an rng fixed by (spec seed, trial number), so the same spec repeats the same trials', async () => {
    const first = await runStudy(setup());
    const second = await runStudy(setup());
    expect(second.trials.map((t) => t.params)).toEqual(first.trials.map((t) => t.params));
    const seen: number[] = [];
    const spy: Searcher = { suggest: (space, trials, rng, ctx) => (seen.push(rng.next(), ctx.seed!), randomSearcher.suggest(space, trials, rng, ctx)) };
    await runStudy(setup({ searcher: spy }, { trials: 2 }));
    expect(seen).toEqual([trialRng(7, 0).next(), 7, trialRng(7, 1).next(), 7]);
  });

  it('stops pruned trials early and records failed trials with their reason, then goes on', async () => {
    const o = setup({ pruner: thresholdPruner(1.2), executor: new FakeExecutor({ fails: (t) => t.number === 1 }) }, { trials: 8 });
    const result = await runStudy(o);
    const byState = (s: string) => result.trials.filter((t) => t.state === s);
    expect(byState('failed').map((t) => [t.number, t.reason])).toEqual([[1, 'the loss became NaN at epoch 2']]);
    expect(byState('pruned').length).toBeGreaterThan(0);
    for (const t of byState('pruned')) {
      expect(Object.keys(t.intermediate), 'a pruned trial stops after the step that pruned it').toEqual(['1', '2']);
      expect(t.value).toBe(t.intermediate[2]);
      expect(t.reason).toBe('pruned after epoch 2');
    }
    for (const t of byState('complete')) expect(t.intermediate[2]).toBeLessThanOrEqual(1.2);
    expect(result.trials).toHaveLength(8);
  });

  it('stops the study when the objective metric is not reported', async () => {
    const o = setup({ executor: new FakeExecutor({ metric: 'val_acc' }) });
    const error = await runStudy(o).catch((e: unknown) => e);
    expect(isHyperspecError(error) && error.kind).toBe('spec');
    expect((error as Error).message).toMatch(/objective metric "val_loss" is not among the metrics of an epoch \(loss, val_acc\)/);
    const trials = await o.storage.trials((await o.storage.studies())[0].id);
    expect(trials.map((t) => t.state)).toEqual(['failed']);
  });

  it('resumes a study: finished trials count toward the budget and are not run again', async () => {
    const o = setup({}, { trials: 3 });
    const first = await runStudy(o);
    const executor = new FakeExecutor();
    const again = await runStudy({ ...o, spec: fakeSpec(o.baseDir, { trials: 5 }), executor });
    expect(executor.tasks.map((t) => t.number)).toEqual([3, 4]);
    expect(again.trials.slice(0, 3)).toEqual(first.trials);
    expect(again.trials).toHaveLength(5);
    const done = await runStudy({ ...o, spec: fakeSpec(o.baseDir, { trials: 5 }), executor: new FakeExecutor() });
    expect(done.ran).toBe(0);
  });

  it('refuses a changed search space, naming both spaces, unless asked for a new study', async () => {
    const o = setup({ storageLabel: 'memory storage' }, { trials: 2 });
    await runStudy(o);
    const changed = fakeSpec(o.baseDir, { trials: 2, space: { 'train.optimizer.learning_rate': { type: 'loguniform', low: 1e-4, high: 1 }, 'model.units': { type: 'choice', values: [4, 16, 64] } } });
    const error = await runStudy({ ...o, spec: changed, executor: new FakeExecutor() }).catch((e: unknown) => e);
    expect(isHyperspecError(error) && error.kind).toBe('spec');
    expect((error as Error).message).toMatch(/study "fake" in memory storage was made with a different search space \(stored space [0-9a-f]{12}, this spec's space [0-9a-f]{12}: changed train\.optimizer\.learning_rate\)/);
    expect((error as { hint?: string }).hint).toMatch(/--new-study/);
    const fresh = await runStudy({ ...o, spec: changed, executor: new FakeExecutor(), newStudy: true });
    expect(fresh.trials).toHaveLength(2);
    expect(fresh.trials.every((t) => t.params['train.optimizer.learning_rate'] >= 1e-4)).toBe(true);
  });

  it('reclaims a dead worker\'s trial once its lease expires and resumes it from its checkpoint', async () => {
    const o = setup({ storage: new MemoryStorage({ lease_seconds: 0.1 }), pollSeconds: 0.02 }, { trials: 3 });
    // A first process ran trial 0 to the end and died in trial 1 after two epochs.
    const first = await runStudy({ ...o, spec: fakeSpec(o.baseDir, { trials: 1 }) });
    const id = first.study.id;
    const dead = await o.storage.startTrial(id, () => ({ 'train.optimizer.learning_rate': 0.1, 'model.units': 2 }), 0.1);
    await o.storage.report(id, dead!.number, 1, 5);
    mkdirSync(join(o.studyDir, 'trials', '1'), { recursive: true });
    writeFileSync(join(o.studyDir, 'trials', '1', 'checkpoint.json'), '{}');
    const executor = new FakeExecutor();
    const result = await runStudy({ ...o, executor });
    expect(result.trials.map((t) => [t.number, t.state])).toEqual([[0, 'complete'], [1, 'complete'], [2, 'complete']]);
    const reclaimed = executor.tasks.find((t) => t.number === 1)!;
    expect(reclaimed.resume).toBe(true);
    expect(result.trials[1].params).toEqual({ 'train.optimizer.learning_rate': 0.1, 'model.units': 2 });
    expect(executor.tasks.find((t) => t.number === 2)!.resume).toBe(false);
  });

  it('runs `parallel` trials at once, and the searcher sees the running ones', async () => {
    const running: number[] = [];
    const searcher: Searcher = { suggest: (space, trials, rng, ctx) => (running.push(trials.filter((t) => t.state === 'running').length), randomSearcher.suggest(space, trials, rng, ctx)) };
    const executor = new FakeExecutor({ slots: 3, epochMs: 5 });
    const result = await runStudy(setup({ searcher, executor }, { trials: 7, parallel: 3 }));
    expect(executor.maxRunning).toBe(3);
    expect(Math.max(...running)).toBe(2);
    expect(result.trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(new Set(executor.tasks.map((t) => t.number)).size).toBe(7);
  });

  it('starts no trial after the timeout', async () => {
    const executor = new FakeExecutor({ epochMs: 20 });
    const result = await runStudy(setup({ executor }, { trials: 50, timeout: 0.15 }));
    expect(result.trials.length).toBeGreaterThanOrEqual(1);
    expect(result.trials.length).toBeLessThan(5);
    expect(result.trials.every((t) => t.state === 'complete')).toBe(true);
  });

  it('writes meta.best only when a finished trial changes the best, and once more at the end', async () => {
    // Values (fakeCurve at 64 units): 1, 2, 0.3, 1, 0, 0.3 (plus a constant): new bests at trials 0, 2 and 4.
    const rates = [0.01, 0.001, 0.05, 1, 0.1, 0.2];
    const searcher: Searcher = { suggest: (_space, trials) => ({ 'train.optimizer.learning_rate': rates[trials.length], 'model.units': 2 }) };
    const written: unknown[] = [];
    class Recording extends MemoryStorage {
      override async updateMeta(studyId: string, patch: Record<string, unknown>): Promise<void> {
        written.push((patch.best as { number: number }).number);
        return super.updateMeta(studyId, patch);
      }
      override async finishTrial(...args: Parameters<MemoryStorage['finishTrial']>): Promise<void> {
        await super.finishTrial(...args);
        // Another process writes a best it computed before trial 4 finished (a stale one): the final write repairs it.
        if (args[1] === 5) await super.updateMeta(args[0], { best: { number: 2, value: 0 } });
      }
    }
    const storage = new Recording({ lease_seconds: 60 });
    const result = await runStudy(setup({ storage, searcher }, { trials: 6 }));
    expect(result.best?.number).toBe(4);
    expect(written).toEqual([0, 2, 4, 4]);
    const [study] = await storage.studies();
    expect(study.meta.best).toEqual({ number: 4, value: result.best!.value, params: result.best!.params });
  });

  it('writes no best.yaml when no trial completed', async () => {
    const o = setup({ executor: new FakeExecutor({ fails: () => true }) }, { trials: 2 });
    const result = await runStudy(o);
    expect(result.best).toBeUndefined();
    expect(existsSync(join(o.studyDir, 'best.yaml'))).toBe(false);
    expect(JSON.parse(readFileSync(result.files.leaderboard, 'utf8')).counts.failed).toBe(2);
  });
});
