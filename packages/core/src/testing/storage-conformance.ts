import { afterEach, describe, expect, it } from 'vitest';
import type { TrialRecord } from '../contracts/search-space.js';
import type { StudyInfo, StudyStorage } from '../contracts/study-storage.js';
import { isHyperspecError } from '../errors/hyperspec-error.js';

export interface StorageConformanceOptions {
  /** Suite title (default: `StudyStorage conformance`). */
  name?: string;
  /**
   * For persistent storages: closes `storage` and opens a new one on the same data (a new process
   * would). When given, the suite checks that studies, trials and intermediate values survive.
   */
  reopen?: (storage: StudyStorage) => StudyStorage | Promise<StudyStorage>;
  /**
   * For storages that implement `setTrialAttrs` and `importStudy` (the optional methods a study shared
   * across machines needs): the suite checks epoch metrics, attrs and imports too.
   */
  details?: boolean;
}

const INIT: Omit<StudyInfo, 'id' | 'name'> = { direction: 'maximize', spaceHash: 'abc123', meta: { spec: { name: 'x' }, note: 'hello' } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function expectStorageError(p: Promise<unknown>, what: string): Promise<void> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error, `${what} must reject`).toBeDefined();
  expect(isHyperspecError(error) && error.kind, `${what} must reject with a HyperspecError of kind 'storage'`).toBe('storage');
}

/**
 * The behaviour every StudyStorage must show (atomic numbering, budgets checked inside the
 * transaction, leases and reclaiming, finished trials frozen). Call it from a plugin's test file with a
 * factory that returns a fresh, empty storage for each test.
 */
export function describeStorageConformance(makeStorage: () => StudyStorage | Promise<StudyStorage>, options: StorageConformanceOptions = {}): void {
  describe(options.name ?? 'StudyStorage conformance', () => {
    const open: StudyStorage[] = [];
    const fresh = async () => {
      const s = await makeStorage();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close?.();
    });

    it('creates a study once and returns the same one by name', async () => {
      const s = await fresh();
      const a = await s.openStudy('alpha', INIT);
      expect(a).toMatchObject({ name: 'alpha', direction: 'maximize', spaceHash: 'abc123', meta: INIT.meta });
      const again = await s.openStudy('alpha', { direction: 'minimize', spaceHash: 'other', meta: {} });
      expect(again, 'reopening must return the stored study, not the new init').toEqual(a);
      const b = await s.openStudy('beta', { ...INIT, direction: 'minimize' });
      expect(b.id).not.toBe(a.id);
      expect((await s.studies()).map((x) => x.name).sort()).toEqual(['alpha', 'beta']);
    });

    it('numbers trials 0, 1, 2, ... and hands the factory every earlier trial and the new number', async () => {
      const s = await fresh();
      const study = await s.openStudy('numbers', INIT);
      const seen: [number, number][] = [];
      for (let i = 0; i < 4; i++) {
        const t = await s.startTrial(study.id, (trials, number) => {
          seen.push([trials.length, number]);
          return { x: i * 0.25, k: i };
        }, 60);
        expect(t).toMatchObject({ number: i, state: 'running', params: { x: i * 0.25, k: i }, reclaimed: false });
      }
      expect(seen).toEqual([[0, 0], [1, 1], [2, 2], [3, 3]]);
      expect((await s.trials(study.id)).map((t) => [t.number, t.state])).toEqual([[0, 'running'], [1, 'running'], [2, 'running'], [3, 'running']]);
    });

    it('allocates nothing when the factory declines', async () => {
      const s = await fresh();
      const study = await s.openStudy('budget', INIT);
      const budget = 3;
      const factory = (trials: readonly unknown[]) => (trials.length < budget ? { x: trials.length } : null);
      const started = [];
      for (let i = 0; i < 5; i++) started.push(await s.startTrial(study.id, factory, 60));
      expect(started.map((t) => t?.number ?? null)).toEqual([0, 1, 2, null, null]);
      expect(await s.trials(study.id)).toHaveLength(3);
    });

    it('gives concurrent starts distinct consecutive numbers', async () => {
      const s = await fresh();
      const study = await s.openStudy('concurrent', INIT);
      const started = await Promise.all(Array.from({ length: 16 }, (_, i) => s.startTrial(study.id, () => ({ i }), 60)));
      expect(started.map((t) => t!.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    });

    it('records intermediate values, final states, values and reasons', async () => {
      const s = await fresh();
      const study = await s.openStudy('record', INIT);
      for (let i = 0; i < 3; i++) await s.startTrial(study.id, () => ({ lr: 0.1 / (i + 1), units: 32 * (i + 1), act: i }), 60);
      await s.report(study.id, 0, 0, 0.5);
      await s.report(study.id, 0, 1, 0.625);
      await s.report(study.id, 1, 0, 0.25);
      await s.finishTrial(study.id, 0, 'complete', 0.625);
      await s.finishTrial(study.id, 1, 'pruned', 0.25, 'pruned at step 0');
      await s.finishTrial(study.id, 2, 'failed', undefined, 'the loss became NaN');
      const trials = await s.trials(study.id);
      expect(trials).toEqual([
        { number: 0, state: 'complete', params: { lr: 0.1, units: 32, act: 0 }, value: 0.625, intermediate: { 0: 0.5, 1: 0.625 } },
        { number: 1, state: 'pruned', params: { lr: 0.05, units: 64, act: 1 }, value: 0.25, intermediate: { 0: 0.25 }, reason: 'pruned at step 0' },
        { number: 2, state: 'failed', params: { lr: 0.1 / 3, units: 96, act: 2 }, intermediate: {}, reason: 'the loss became NaN' },
      ]);
    });

    it('keeps the objective values and constraint values of a finished trial, in order', async () => {
      const s = await fresh();
      const study = await s.openStudy('results', INIT);
      for (let i = 0; i < 3; i++) await s.startTrial(study.id, () => ({ x: i }), 60);
      await s.finishTrial(study.id, 0, 'complete', 0.875, undefined, { values: [0.875, 12345, -0.1, 1e-9], constraints: [-3.5, 0, 2.25] });
      await s.finishTrial(study.id, 1, 'complete', 0.5, undefined, { constraints: [Infinity] });
      await s.finishTrial(study.id, 2, 'failed', undefined, 'crashed', {});
      const trials = await s.trials(study.id);
      expect(trials[0]).toEqual({ number: 0, state: 'complete', params: { x: 0 }, value: 0.875, values: [0.875, 12345, -0.1, 1e-9], constraints: [-3.5, 0, 2.25], intermediate: {} });
      expect(trials[1]).toEqual({ number: 1, state: 'complete', params: { x: 1 }, value: 0.5, constraints: [Infinity], intermediate: {} });
      expect(trials[2], 'a trial finished without results has no values or constraints').toEqual({ number: 2, state: 'failed', params: { x: 2 }, reason: 'crashed', intermediate: {} });
    });

    it('never changes a finished trial', async () => {
      const s = await fresh();
      const study = await s.openStudy('frozen', INIT);
      await s.startTrial(study.id, () => ({ x: 1 }), 60);
      await s.finishTrial(study.id, 0, 'complete', 2);
      await expectStorageError(s.finishTrial(study.id, 0, 'failed', undefined, 'late'), 'finishing a finished trial');
      await expectStorageError(s.report(study.id, 0, 3, 9), 'reporting to a finished trial');
      await expectStorageError(s.finishTrial(study.id, 7, 'complete', 1), 'finishing a trial that does not exist');
      expect((await s.trials(study.id))[0]).toMatchObject({ state: 'complete', value: 2, intermediate: {} });
    });

    it('keeps the studies apart', async () => {
      const s = await fresh();
      const a = await s.openStudy('a', INIT);
      const b = await s.openStudy('b', INIT);
      await s.startTrial(a.id, () => ({ x: 1 }), 60);
      await s.startTrial(a.id, () => ({ x: 2 }), 60);
      const first = await s.startTrial(b.id, () => ({ x: 3 }), 60);
      expect(first!.number, 'each study numbers its own trials from 0').toBe(0);
      expect(await s.trials(b.id)).toHaveLength(1);
      expect(await s.trials(a.id)).toHaveLength(2);
    });

    it('reclaims a trial whose lease expired: same number, same parameters, intermediate values kept', async () => {
      const s = await fresh();
      const study = await s.openStudy('lease', INIT);
      await s.startTrial(study.id, () => ({ x: 0.5 }), 0.05);
      await s.report(study.id, 0, 0, 0.75);
      await s.startTrial(study.id, () => ({ x: 0.9 }), 60);
      await s.finishTrial(study.id, 1, 'complete', 1);
      await sleep(120);
      let called = false;
      const t = await s.startTrial(study.id, () => ((called = true), { x: 0.1 }), 60);
      expect(called, 'a reclaim must not ask for new parameters').toBe(false);
      expect(t).toMatchObject({ number: 0, state: 'running', params: { x: 0.5 }, intermediate: { 0: 0.75 }, reclaimed: true });
      // The reclaimed trial now holds a fresh 60 s lease: the next start allocates a new number.
      const next = await s.startTrial(study.id, () => ({ x: 0.2 }), 60);
      expect(next).toMatchObject({ number: 2, reclaimed: false });
      await s.finishTrial(study.id, 0, 'complete', 0.8);
      expect((await s.trials(study.id)).map((x) => [x.number, x.state])).toEqual([[0, 'complete'], [1, 'complete'], [2, 'running']]);
    });

    it('does not reclaim a trial whose lease is renewed, nor a finished one', async () => {
      const s = await fresh();
      const study = await s.openStudy('renew', INIT);
      await s.startTrial(study.id, () => ({ x: 1 }), 0.15);
      await s.startTrial(study.id, () => ({ x: 2 }), 0.05);
      await s.finishTrial(study.id, 1, 'complete', 3);
      for (let i = 0; i < 5; i++) {
        await sleep(50);
        await (i % 2 ? s.renewLease(study.id, 0) : s.report(study.id, 0, i, i));
      }
      const t = await s.startTrial(study.id, () => ({ x: 3 }), 60);
      expect(t).toMatchObject({ number: 2, reclaimed: false });
    });

    it('merges meta updates', async () => {
      const s = await fresh();
      const study = await s.openStudy('meta', INIT);
      await s.updateMeta(study.id, { best: { number: 3, value: 0.9 } });
      await s.updateMeta(study.id, { budget: 10 });
      const again = await s.openStudy('meta', INIT);
      expect(again.meta).toEqual({ ...INIT.meta, best: { number: 3, value: 0.9 }, budget: 10 });
    });

    it('deletes a study with its trials', async () => {
      const s = await fresh();
      const study = await s.openStudy('gone', INIT);
      await s.startTrial(study.id, () => ({ x: 1 }), 60);
      expect(await s.deleteStudy('gone')).toBe(true);
      expect(await s.deleteStudy('gone')).toBe(false);
      const reborn = await s.openStudy('gone', INIT);
      expect(await s.trials(reborn.id)).toEqual([]);
    });

    if (options.details) {
      it('keeps each epoch\'s metrics and merges trial attrs while the trial runs', async () => {
        const s = await fresh();
        const study = await s.openStudy('details', INIT);
        await s.startTrial(study.id, () => ({ x: 1 }), 60);
        await s.setTrialAttrs!(study.id, 0, { host: 'a', run_dir: '/tmp/t/0' });
        await s.report(study.id, 0, 1, 0.5, { loss: 1.25, val_loss: 0.5 });
        await s.report(study.id, 0, 2, 0.25);
        await s.setTrialAttrs!(study.id, 0, { host: 'b', final: { loss: 0.75 } });
        await s.finishTrial(study.id, 0, 'complete', 0.25);
        await expectStorageError(s.setTrialAttrs!(study.id, 0, { late: true }), 'setting attrs of a finished trial');
        expect((await s.trials(study.id))[0]).toEqual({
          number: 0, state: 'complete', params: { x: 1 }, value: 0.25, intermediate: { 1: 0.5, 2: 0.25 },
          metrics: { 1: { loss: 1.25, val_loss: 0.5 } }, attrs: { host: 'b', run_dir: '/tmp/t/0', final: { loss: 0.75 } },
        });
      });

      it('imports a study as it was (objective and constraint values too); a running trial in it is reclaimed by the next start', async () => {
        const s = await fresh();
        const trials: TrialRecord[] = [
          { number: 0, state: 'complete', params: { x: 0.5 }, value: 0.125, intermediate: { 1: 0.25, 2: 0.125 }, metrics: { 1: { loss: 2 } }, attrs: { host: 'a' } },
          { number: 1, state: 'failed', params: { x: 0.75 }, intermediate: {}, reason: 'nan' },
          { number: 2, state: 'running', params: { x: 0.1 }, intermediate: { 1: 0.5 } },
          { number: 3, state: 'complete', params: { x: 0.2 }, value: 0.5, values: [0.5, 1e-9, -40], constraints: [-1.5, Infinity], intermediate: {} },
          { number: 4, state: 'complete', params: { x: 0.3 }, value: 0.25, constraints: [0], intermediate: {} },
        ];
        const info = await s.importStudy!({ name: 'moved', ...INIT }, trials);
        expect(info).toMatchObject({ name: 'moved', ...INIT });
        expect(await s.trials(info.id)).toEqual(trials);
        const t = await s.startTrial(info.id, () => ({ x: 9 }), 60);
        expect(t).toMatchObject({ number: 2, params: { x: 0.1 }, intermediate: { 1: 0.5 }, reclaimed: true });
        expect((await s.startTrial(info.id, () => ({ x: 9 }), 60))!.number).toBe(5);
        await expectStorageError(s.importStudy!({ name: 'moved', ...INIT }, []), 'importing over an existing study');
      });
    }

    if (options.reopen) {
      const reopen = options.reopen;
      it('keeps studies, trials, intermediate values and results when reopened', async () => {
        const s = await fresh();
        const study = await s.openStudy('durable', INIT);
        await s.startTrial(study.id, () => ({ lr: 0.0123456789, units: 77 }), 60);
        await s.startTrial(study.id, () => ({ lr: 0.5, units: 8 }), 60);
        await s.report(study.id, 0, 0, 0.1);
        await s.report(study.id, 0, 1, 0.2);
        await s.finishTrial(study.id, 0, 'complete', 0.2, undefined, { values: [0.2, 3000], constraints: [-1] });
        await s.updateMeta(study.id, { best: 0 });
        const before = await s.trials(study.id);
        open.splice(open.indexOf(s), 1);
        const t = await reopen(s);
        open.push(t);
        const again = await t.openStudy('durable', { direction: 'minimize', spaceHash: 'zzz', meta: {} });
        expect(again).toEqual({ ...study, meta: { ...study.meta, best: 0 } });
        expect(await t.trials(again.id)).toEqual(before);
        const next = await t.startTrial(again.id, () => ({ lr: 1, units: 1 }), 60);
        expect(next!.number).toBe(2);
      });
    }
  });
}
