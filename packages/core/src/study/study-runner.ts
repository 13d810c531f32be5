import { existsSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Pruner } from '../contracts/pruner.js';
import type { TrialRecord } from '../contracts/search-space.js';
import type { Searcher } from '../contracts/searcher.js';
import type { StartedTrial, StudyInfo, StudyStorage } from '../contracts/study-storage.js';
import { HyperspecError, isHyperspecError } from '../errors/hyperspec-error.js';
import { normalizeSpace } from '../spec/normalize-space.js';
import type { ResolvedSpec } from '../spec/resolved-spec.js';
import { writeResolvedSpec } from '../spec/stringify-spec.js';
import { atomicWriteFile } from '../util/atomic-write.js';
import { displayParams } from './display-params.js';
import { countStates, leaderboard, type LeaderboardEntry } from './leaderboard.js';
import { openOrRefuseStudy } from './open-study.js';
import type { TrialExecutor, TrialOutcome } from './trial-executor.js';
import { trialRng, trialSpec } from './trial-spec.js';
import type { StudyObserver } from './study-observer.js';

export interface StudyRunOptions {
  /** The resolved spec, `search:` included. */
  spec: ResolvedSpec;
  /** Directory of the spec file (relative data paths). */
  baseDir: string;
  /** The study directory: trials/, best.yaml, leaderboard.json (and the database when it is relative). */
  studyDir: string;
  storage: StudyStorage;
  searcher: Searcher;
  pruner?: Pruner;
  executor: TrialExecutor;
  /** Delete a stored study of this name first (`--new-study`). */
  newStudy?: boolean;
  /** Watches the run (the CLI's live table and summary). */
  observer?: StudyObserver;
  /** How to name the storage in messages. */
  storageLabel?: string;
  /** Seconds between attempts to reclaim trials of other workers once the budget is taken (default: lease / 4, at most 1). */
  pollSeconds?: number;
  /**
   * Called once the study is open (created, or found and checked) and before the first trial:
   * `--workers` starts its other processes then, so none of them races a `--new-study` deletion.
   */
  onOpen?: (study: StudyInfo) => void;
}

export interface StudyRunResult {
  study: StudyInfo;
  trials: TrialRecord[];
  leaderboard: LeaderboardEntry[];
  best?: LeaderboardEntry;
  files: { bestSpec?: string; leaderboard: string };
  /** Trials this call ran (started or reclaimed). */
  ran: number;
}

/** `<output_dir>/<name>-study/`: where a spec's study lives unless told otherwise. */
export function studyDirFor(spec: Pick<ResolvedSpec, 'output_dir' | 'name'>): string {
  return resolve(spec.output_dir, `${spec.name}-study`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs (or resumes) the study of a spec. `parallel` loops each take a trial from storage — a dead
 * worker's expired one first, else a new one whose parameters the searcher picks inside the storage's
 * transaction while the budget (`search.trials`, counting trials in every state) is not taken — and
 * hand it to the executor. After each epoch the objective goes to storage and the pruner. A trial's
 * value is its objective metric at its best epoch (`objective.at: best`, the default) or its last.
 * A trial that fails (a HyperspecError: NaN loss, a bad shape, ...) is recorded `failed` with the
 * reason and the study goes on; a missing objective
 * metric or an unexpected error stops the study. No new trial starts after `search.timeout` seconds.
 * At the end the leaderboard and `best.yaml` (the spec with the best trial's values and seed, no
 * `search:`) are written atomically.
 */
export async function runStudy(o: StudyRunOptions): Promise<StudyRunResult> {
  const { spec, storage, searcher, pruner, executor } = o;
  if (!spec.search) throw new HyperspecError('spec', `spec "${spec.name}" has no search block`, { hint: 'add search: with a space, or use hyperspec train' });
  const search = spec.search;
  const space = normalizeSpace(search.space);
  const { metric, direction } = search.objective;
  if (o.newStudy) await storage.deleteStudy(spec.name);
  const study = await openOrRefuseStudy(storage, { name: spec.name, space, specSpace: search.space, objective: search.objective, storageLabel: o.storageLabel ?? 'the storage' });
  o.onOpen?.(study);
  const budget = search.trials ?? searcher.size?.(space) ?? Number.POSITIVE_INFINITY;
  const deadline = search.timeout ? Date.now() + search.timeout * 1000 : Number.POSITIVE_INFINITY;
  const leaseSeconds = storage.leaseSeconds ?? 60;
  const pollMs = 1000 * (o.pollSeconds ?? Math.min(1, leaseSeconds / 4));
  const observer = o.observer ?? {};
  const earlier = await storage.trials(study.id);
  if (earlier.length > 0) observer.onResume?.(study.name, earlier);
  const mine = new Set<number>();
  let fatal: unknown;
  let ran = 0;

  /** `meta.best`, as last written by this process ("number value"). */
  let bestWritten: string | undefined;
  const writeBest = async (best: LeaderboardEntry) => {
    const key = `${best.number} ${best.value}`;
    if (key === bestWritten) return;
    await storage.updateMeta(study.id, { best: { number: best.number, value: best.value, params: best.params } });
    bestWritten = key;
  };

  const suggest = (trials: readonly TrialRecord[], number: number) =>
    trials.length >= budget ? null : searcher.suggest(space, trials, trialRng(spec.seed, number), { direction, budget: Number.isFinite(budget) ? budget : undefined, seed: spec.seed });

  const finish = async (number: number, state: 'complete' | 'pruned' | 'failed', value: number | undefined, reason: string | undefined, params: Record<string, unknown>) => {
    try {
      await storage.finishTrial(study.id, number, state, value, reason);
    } catch (e) {
      // Another process reclaimed and finished this trial while we were presumed dead: keep its record.
      if (!isHyperspecError(e) || e.kind !== 'storage') throw e;
      observer.onTrial?.({ number, state, params, value, note: 'already finished by another worker' });
      return;
    }
    observer.onTrial?.({ number, state, params, value, note: state === 'pruned' ? reason?.replace(/^pruned /, '') : reason });
    // The best over every trial, other processes' included (so the whole study is read), but written
    // only when it differs from what this process last wrote: a meta write is a durable commit on a
    // persistent storage, and the best changes a handful of times in a study.
    const best = leaderboard(await storage.trials(study.id), direction, space)[0];
    if (best) await writeBest(best);
  };

  const runTrial = async (started: StartedTrial) => {
    const { number } = started;
    const params = displayParams(space, started.params);
    const runDir = join(o.studyDir, 'trials', String(number));
    const resume = started.reclaimed && existsSync(join(runDir, 'checkpoint.json'));
    if (!resume) rmSync(runDir, { recursive: true, force: true });
    observer.onTrial?.({ number, state: 'running', params, note: started.reclaimed ? (resume ? 'reclaimed, resuming' : 'reclaimed') : undefined });
    // Where the trial's folder is, so `hyperspec study` on any machine can say where to look.
    await storage.setTrialAttrs?.(study.id, number, { host: hostname(), run_dir: runDir });
    const heartbeat = setInterval(() => void storage.renewLease(study.id, number).catch(() => undefined), (leaseSeconds * 1000) / 3);
    heartbeat.unref?.();
    let pruned: string | undefined;
    let missing: string | undefined;
    let aborted = false;
    let outcome: TrialOutcome;
    try {
      const task = { number, spec: trialSpec(spec, started.params, number, o.baseDir), baseDir: o.baseDir, runDir, resume };
      outcome = await executor.run(task, {
        onEpoch: async (step, metrics) => {
          if (fatal) {
            aborted = true;
            return 'stop';
          }
          const value = metrics[metric];
          if (value === undefined) {
            missing = `the objective metric "${metric}" is not among the metrics of an epoch (${Object.keys(metrics).join(', ')})`;
            return 'stop';
          }
          if (!Number.isFinite(value)) return 'continue';
          await storage.report(study.id, number, step, value, metrics);
          if (!pruner) return 'continue';
          const trials = await storage.trials(study.id);
          const self = trials.find((t) => t.number === number) ?? { ...started, intermediate: { ...started.intermediate, [step]: value } };
          if (!pruner.shouldPrune(self, step, trials, direction)) return 'continue';
          pruned = `pruned after epoch ${step}`;
          return 'stop';
        },
      });
    } catch (e) {
      outcome = { ok: false, reason: e instanceof Error ? e.message : String(e), kind: isHyperspecError(e) ? e.kind : 'unexpected' };
    } finally {
      clearInterval(heartbeat);
    }
    if (missing) {
      fatal ??= new HyperspecError('spec', missing, { location: { path: 'search.objective.metric' }, hint: 'name a metric the training reports: loss, or a metric of metrics:, prefixed val_ when the data has a validation split' });
      return finish(number, 'failed', undefined, missing, params);
    }
    if (!outcome.ok) {
      if (outcome.kind === 'unexpected' || outcome.kind === 'internal') fatal ??= new HyperspecError('internal', `trial ${number} failed unexpectedly: ${outcome.reason}`);
      return finish(number, 'failed', undefined, outcome.reason, params);
    }
    if (aborted) return finish(number, 'failed', undefined, 'stopped: the study was aborted', params);
    // The final metrics (test ones included) go with the trial, so any machine can show them.
    await storage.setTrialAttrs?.(study.id, number, { final: outcome.final }).catch((e: unknown) => {
      if (!isHyperspecError(e) || e.kind !== 'storage') throw e;
    });
    const value = objectiveValue(outcome.history, metric, direction, search.objective.at ?? 'best');
    if (pruned) return finish(number, 'pruned', value, pruned, params);
    if (value === undefined || !Number.isFinite(value)) return finish(number, 'failed', undefined, `the objective ${metric} ended as ${value}`, params);
    return finish(number, 'complete', value, undefined, params);
  };

  const loop = async () => {
    while (!fatal && Date.now() < deadline) {
      let started: StartedTrial | null;
      try {
        started = await storage.startTrial(study.id, suggest, leaseSeconds);
      } catch (e) {
        fatal ??= e;
        return;
      }
      if (!started) {
        // The budget is taken. Trials another worker holds may belong to a dead process: wait for their
        // leases to run out (the next startTrial reclaims them) or for them to finish.
        const elsewhere = (await storage.trials(study.id)).some((t) => t.state === 'running' && !mine.has(t.number));
        if (!elsewhere) return;
        await sleep(pollMs);
        continue;
      }
      mine.add(started.number);
      ran++;
      try {
        await runTrial(started);
      } catch (e) {
        fatal ??= e;
      } finally {
        mine.delete(started.number);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, search.parallel) }, loop));
  } finally {
    await executor.close?.();
  }
  const trials = await storage.trials(study.id);
  const board = leaderboard(trials, direction, space);
  const files: StudyRunResult['files'] = { leaderboard: join(o.studyDir, 'leaderboard.json') };
  const best = board[0];
  if (best) {
    // Once more, unconditionally: another process may have overwritten meta.best with a best it computed
    // before our trial finished (the read and the write are separate calls), and skipping unchanged
    // writes above would otherwise leave that stale value in place.
    bestWritten = undefined;
    try {
      await writeBest(best);
    } catch (e) {
      if (!fatal) throw e;
    }
    files.bestSpec = join(o.studyDir, 'best.yaml');
    writeResolvedSpec(trialSpec(spec, best.raw, best.number, o.baseDir), files.bestSpec);
  }
  const counts = countStates(trials);
  // All trials and the space too, so `hyperspec study` can summarise a study whose storage was memory.
  const record = { study: study.name, objective: search.objective, space: search.space, counts, best: best ?? null, leaderboard: board, trials };
  atomicWriteFile(files.leaderboard, JSON.stringify(record, null, 2) + '\n');
  if (fatal) throw fatal;
  observer.onEnd?.({ study: study.name, objective: metric, trials, leaderboard: board, best, bestSpec: files.bestSpec });
  return { study, trials, leaderboard: board, best, files, ran };
}

/**
 * A trial's value from its epochs: the best finite value of the objective over them (`best`, as Keras
 * Tuner scores a trial) or the last epoch's (`last`). Undefined when the metric never appeared.
 */
export function objectiveValue(history: readonly Record<string, number>[], metric: string, direction: 'minimize' | 'maximize', at: 'best' | 'last'): number | undefined {
  if (at === 'last') return history[history.length - 1]?.[metric];
  let best: number | undefined;
  for (const epoch of history) {
    const v = epoch[metric];
    if (v === undefined || !Number.isFinite(v)) continue;
    if (best === undefined || (direction === 'minimize' ? v < best : v > best)) best = v;
  }
  return best ?? history[history.length - 1]?.[metric];
}
