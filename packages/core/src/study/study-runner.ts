import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Pruner } from '../contracts/pruner.js';
import type { TrialRecord } from '../contracts/search-space.js';
import type { Searcher } from '../contracts/searcher.js';
import type { StartedTrial, StudyInfo, StudyStorage } from '../contracts/study-storage.js';
import { HyperspecError, isHyperspecError } from '../errors/hyperspec-error.js';
import { normalizeSpace } from '../spec/normalize-space.js';
import type { ResolvedSpec, SearchConstraint, SearchObjective } from '../spec/resolved-spec.js';
import { writeResolvedSpec } from '../spec/stringify-spec.js';
import { isMeasuredQuantity } from '../spec/validate-objectives.js';
import { atomicWriteFile } from '../util/atomic-write.js';
import { displayParams } from './display-params.js';
import { countStates, type LeaderboardEntry } from './leaderboard.js';
import { Study, type TrialResult } from './study.js';
import type { TrialExecutor, TrialOutcome } from './trial-executor.js';
import { studyTemplate } from './study-template.js';
import { trialSpec } from './trial-spec.js';
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
  /**
   * The spec file's text as its author wrote it, kept as `spec.yaml` in the study directory (reports tell
   * set values from defaults with it). Written once the study is open, so a refused resume leaves the
   * study's own copy as it was.
   */
  writtenSpec?: string;
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
  /** The best trial (one objective; a feasible one when any is). */
  best?: LeaderboardEntry;
  /** The Pareto front (several objectives): trials no other feasible trial beats in every objective. */
  pareto?: LeaderboardEntry[];
  /** `best.yaml` (one objective) or one spec per Pareto-front member in `pareto/` (several). */
  files: { bestSpec?: string; paretoSpecs?: string[]; leaderboard: string };
  /** Trials this call ran (started or reclaimed). */
  ran: number;
}

/** `<output_dir>/<name>-study/`: where a spec's study lives unless told otherwise. */
export function studyDirFor(spec: Pick<ResolvedSpec, 'output_dir' | 'name'>): string {
  return resolve(spec.output_dir, `${spec.name}-study`);
}

/**
 * A storage without this study beside a study directory whose trials/ folder has trial directories
 * means the study's database was lost or replaced (deleted, emptied, a new path): starting afresh
 * would give new trials the old numbers and overwrite their directories. Refused instead.
 */
async function refuseOrphanTrials(storage: StudyStorage, name: string, studyDir: string, storageLabel: string): Promise<void> {
  if ((await storage.studies()).some((s) => s.name === name)) return;
  let trials: string[] = [];
  try {
    trials = readdirSync(join(studyDir, 'trials'));
  } catch {
    return;
  }
  if (trials.length === 0) return;
  throw new HyperspecError('storage', `${storageLabel} holds no study "${name}", but ${join(studyDir, 'trials')} has ${trials.length} trial director${trials.length === 1 ? 'y' : 'ies'} of an earlier one: its database was lost or replaced`, {
    hint: 'restore the database to resume that study, or run with --new-study to start a new one (the old study directory is kept, renamed)',
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A constraint's value for a measured value: ≤ 0 when the limit holds (the convention of `TrialRecord.constraints`). */
function constraintValue(c: SearchConstraint, v: number): number {
  if (Number.isNaN(v)) return Infinity;
  return Math.max(c.max !== undefined ? v - c.max : -Infinity, c.min !== undefined ? c.min - v : -Infinity);
}

/** Rewrites `pareto/`: one runnable spec per front member (`trial-<n>.yaml`), and no file of an earlier front. */
function writeParetoSpecs(dir: string, spec: ResolvedSpec, front: readonly LeaderboardEntry[], baseDir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = front.map((e) => join(dir, `trial-${e.number}.yaml`));
  for (const f of readdirSync(dir)) if (f.endsWith('.yaml') && !files.includes(join(dir, f))) rmSync(join(dir, f), { force: true });
  front.forEach((e, i) => writeResolvedSpec(trialSpec(spec, e.raw, e.number, baseDir), files[i]));
  return files;
}

/**
 * Runs (or resumes) the study of a spec. `parallel` loops each ask the study for a trial — a dead
 * worker's expired one first, else a new one whose parameters the searcher picks inside the storage's
 * transaction while the budget (`search.trials`, counting trials in every state) is not taken — and
 * hand it to the executor. After each epoch the first objective goes to storage and the pruner. A
 * trial's values are its objective metrics at one epoch — the first objective's best (`at: best`, the
 * default) or its last (`at: last`) — or the quantities measured on it
 * (`parameters`, `epoch_seconds`, `inference_ms`, `peak_memory_mb`); its constraint values likewise. A
 * trial that fails (a HyperspecError: NaN loss, a bad shape, ...) is recorded `failed` with the reason
 * and the study goes on; a missing metric or an unexpected error stops the study. No new trial starts
 * after `search.timeout` seconds. At the end the leaderboard and `best.yaml` (one objective: the spec
 * with the best trial's values and seed, no `search:`) or `pareto/trial-<n>.yaml` (several: one per
 * Pareto-front member) are written atomically.
 */
export async function runStudy(o: StudyRunOptions): Promise<StudyRunResult> {
  const { spec, storage, searcher, pruner, executor } = o;
  if (!spec.search) throw new HyperspecError('spec', `spec "${spec.name}" has no search block`, { hint: 'add search: with a space, or use hyperspec train' });
  const search = spec.search;
  const space = normalizeSpace(search.space);
  const objectives: SearchObjective[] = search.objectives ?? [search.objective];
  const constraints = search.constraints ?? [];
  const named = [
    ...objectives.map((x, i) => ({ metric: x.metric, role: 'objective', path: objectives.length > 1 ? `search.objectives[${i}].metric` : 'search.objective.metric' })),
    ...constraints.map((c, i) => ({ metric: c.metric, role: 'constraint', path: `search.constraints[${i}].metric` })),
  ];
  const measure = [...new Set(named.map((x) => x.metric).filter(isMeasuredQuantity))];
  const epochMetrics = named.filter((x) => !isMeasuredQuantity(x.metric));
  const budget = search.trials ?? searcher.size?.(space);
  const deadline = search.timeout ? Date.now() + search.timeout * 1000 : Number.POSITIVE_INFINITY;
  if (!o.newStudy) await refuseOrphanTrials(storage, spec.name, o.studyDir, o.storageLabel ?? 'the storage');
  const study = await Study.open({
    storage, searcher, pruner, name: spec.name, space, specSpace: search.space, objectives, constraints, seed: spec.seed, budget,
    deadline: Number.isFinite(deadline) ? deadline : undefined, newStudy: o.newStudy, storageLabel: o.storageLabel, template: studyTemplate(spec),
  });
  if (o.writtenSpec !== undefined) atomicWriteFile(join(o.studyDir, 'spec.yaml'), o.writtenSpec);
  o.onOpen?.(study.info);
  const leaseSeconds = storage.leaseSeconds ?? 60;
  const pollMs = 1000 * (o.pollSeconds ?? Math.min(1, leaseSeconds / 4));
  const observer = o.observer ?? {};
  const earlier = await study.trials();
  if (earlier.length > 0) observer.onResume?.(study.name, earlier);
  const mine = new Set<number>();
  let fatal: unknown;
  let ran = 0;
  // Intermediate values (and pruning) follow the first objective when the training reports it per epoch.
  const stepMetric = isMeasuredQuantity(objectives[0].metric) ? undefined : objectives[0].metric;

  const finish = async (number: number, result: TrialResult, params: Record<string, unknown>) => {
    const told = await study.tell(number, result);
    const value = result.state === 'complete' ? result.values[0] : result.state === 'pruned' ? result.value : undefined;
    const values = result.state === 'complete' && objectives.length > 1 ? result.values : undefined;
    const reason = result.state === 'complete' ? undefined : result.reason;
    const note = !told ? 'already finished by another worker' : result.state === 'pruned' ? reason?.replace(/^pruned /, '') : reason;
    observer.onTrial?.({ number, state: result.state, params, value, ...(values ? { values } : {}), note });
  };

  const runTrial = async (started: StartedTrial) => {
    const { number } = started;
    const params = displayParams(space, started.params);
    const runDir = join(o.studyDir, 'trials', String(number));
    const resume = started.reclaimed && existsSync(join(runDir, 'checkpoint.json'));
    if (!resume) rmSync(runDir, { recursive: true, force: true });
    observer.onTrial?.({ number, state: 'running', params, note: started.reclaimed ? (resume ? 'reclaimed, resuming' : 'reclaimed') : undefined });
    // Where the trial's folder is, so `hyperspec study` on any machine can say where to look.
    await study.setAttrs(number, { host: hostname(), run_dir: runDir });
    let pruned: string | undefined;
    let missing: { message: string; path: string } | undefined;
    let aborted = false;
    let outcome: TrialOutcome;
    try {
      const task = { number, spec: trialSpec(spec, started.params, number, o.baseDir), baseDir: o.baseDir, runDir, resume, ...(measure.length ? { measure } : {}) };
      outcome = await executor.run(task, {
        onEpoch: async (step, metrics) => {
          if (fatal) {
            aborted = true;
            return 'stop';
          }
          const absent = epochMetrics.find((x) => metrics[x.metric] === undefined);
          if (absent) {
            missing = { message: `the ${absent.role} metric "${absent.metric}" is not among the metrics of an epoch (${Object.keys(metrics).join(', ')})`, path: absent.path };
            return 'stop';
          }
          if (stepMetric === undefined || !(await study.report(number, step, metrics[stepMetric], metrics))) return 'continue';
          pruned = `pruned after epoch ${step}`;
          return 'stop';
        },
      });
    } catch (e) {
      outcome = { ok: false, reason: e instanceof Error ? e.message : String(e), kind: isHyperspecError(e) ? e.kind : 'unexpected' };
    }
    if (missing) {
      fatal ??= new HyperspecError('spec', missing.message, { location: { path: missing.path }, hint: 'name a metric the training reports (loss, or a metric of metrics:, prefixed val_ when the data has a validation split) or a measured quantity: parameters, epoch_seconds, inference_ms, peak_memory_mb' });
      return finish(number, { state: 'failed', reason: missing.message }, params);
    }
    if (!outcome.ok) {
      if (outcome.kind === 'unexpected' || outcome.kind === 'internal') fatal ??= new HyperspecError('internal', `trial ${number} failed unexpectedly: ${outcome.reason}`);
      return finish(number, { state: 'failed', reason: outcome.reason }, params);
    }
    if (aborted) return finish(number, { state: 'failed', reason: 'stopped: the study was aborted' }, params);
    // The final metrics (test ones included) go with the trial, so any machine can show them.
    await study.setAttrs(number, { final: outcome.final }, true);
    // One epoch for every objective and constraint: the first objective's best (or last) epoch.
    const first = objectives[0];
    const at = first.at ?? 'best';
    const epoch = (stepMetric ? judgedEpoch(outcome.history, stepMetric, first.direction, at) : outcome.history[outcome.history.length - 1]) ?? {};
    const measured = outcome.measured ?? {};
    const valueOf = (metric: string) => (isMeasuredQuantity(metric) ? measured[metric] : epoch[metric]);
    if (pruned) return finish(number, { state: 'pruned', value: stepMetric ? epoch[stepMetric] : undefined, reason: pruned }, params);
    const values = objectives.map((x) => valueOf(x.metric));
    const result: TrialResult = { state: 'complete', values };
    if (constraints.length) result.constraints = constraints.map((c) => constraintValue(c, valueOf(c.metric) ?? NaN));
    return finish(number, result, params);
  };

  const loop = async () => {
    while (!fatal && Date.now() < deadline) {
      let started: StartedTrial | null;
      try {
        started = await study.ask();
      } catch (e) {
        fatal ??= e;
        return;
      }
      if (!started) {
        // The budget is taken (or the deadline passed). Trials another worker holds may belong to a
        // dead process: wait for their leases to run out (the next ask reclaims them) or for them to finish.
        if (Date.now() >= deadline || !(await study.runningElsewhere(mine))) return;
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
    study.close();
    await executor.close?.();
  }
  const trials = await study.trials();
  const board = await study.leaderboard(trials);
  const several = objectives.length > 1;
  const files: StudyRunResult['files'] = { leaderboard: join(o.studyDir, 'leaderboard.json') };
  const best = several ? undefined : board[0];
  const pareto = several ? board.filter((e) => e.rank === 1) : undefined;
  try {
    // Once more, unconditionally: another process may have overwritten the meta with a best it computed
    // before our trial finished (the read and the write are separate calls).
    await study.recordBest(true, trials);
  } catch (e) {
    if (!fatal) throw e;
  }
  if (best) {
    files.bestSpec = join(o.studyDir, 'best.yaml');
    writeResolvedSpec(trialSpec(spec, best.raw, best.number, o.baseDir), files.bestSpec);
  }
  if (pareto) files.paretoSpecs = writeParetoSpecs(join(o.studyDir, 'pareto'), spec, pareto, o.baseDir);
  const counts = countStates(trials);
  // All trials and the space too, so `hyperspec study` can summarise a study whose storage was memory.
  const record = {
    study: study.name, objective: objectives[0], objectives, ...(constraints.length ? { constraints } : {}), space: search.space, counts,
    best: best ?? null, ...(pareto ? { pareto } : {}), leaderboard: board, trials,
  };
  atomicWriteFile(files.leaderboard, JSON.stringify(record, null, 2) + '\n');
  if (fatal) throw fatal;
  observer.onEnd?.({ study: study.name, objective: objectives[0].metric, objectives: objectives.map((x) => x.metric), trials, leaderboard: board, best, pareto, bestSpec: files.bestSpec, paretoSpecs: files.paretoSpecs });
  return { study: study.info, trials, leaderboard: board, best, pareto, files, ran };
}

/**
 * The epoch a trial is judged at: the one with the best finite value of `metric` (`best`, as Keras
 * Tuner scores a trial; the earliest of ties) or the last (`last`, and when the metric never had a
 * finite value). Undefined for an empty history.
 */
export function judgedEpoch(history: readonly Record<string, number>[], metric: string, direction: 'minimize' | 'maximize', at: 'best' | 'last'): Record<string, number> | undefined {
  const last = history[history.length - 1];
  if (at === 'last') return last;
  let best: Record<string, number> | undefined;
  for (const epoch of history) {
    const v = epoch[metric];
    if (v === undefined || !Number.isFinite(v)) continue;
    if (best === undefined || (direction === 'minimize' ? v < best[metric] : v > best[metric])) best = epoch;
  }
  return best ?? last;
}

/** A trial's value from its epochs: `metric` at its `judgedEpoch`. Undefined when the metric never appeared. */
export function objectiveValue(history: readonly Record<string, number>[], metric: string, direction: 'minimize' | 'maximize', at: 'best' | 'last'): number | undefined {
  return judgedEpoch(history, metric, direction, at)?.[metric];
}
