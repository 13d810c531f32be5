import type { Pruner } from '../contracts/pruner.js';
import type { Direction, SearchSpace, TrialRecord } from '../contracts/search-space.js';
import type { Searcher } from '../contracts/searcher.js';
import type { StartedTrial, StudyInfo, StudyStorage, TrialResults } from '../contracts/study-storage.js';
import { HyperspecError, isHyperspecError } from '../errors/hyperspec-error.js';
import type { SearchConstraint, SearchObjective } from '../spec/resolved-spec.js';
import { leaderboard, leaders, type LeaderboardEntry } from './leaderboard.js';
import { openOrRefuseStudy } from './open-study.js';
import { trialRng } from './trial-spec.js';

export interface StudyOptions {
  storage: StudyStorage;
  searcher: Searcher;
  /** Stops unpromising trials from their intermediate values (one objective only). */
  pruner?: Pruner;
  name: string;
  /** The normalised space searchers see. */
  space: SearchSpace;
  /** The space as written (kept in the study's meta, so a refusal can say what changed). */
  specSpace: Record<string, unknown>;
  objectives: readonly SearchObjective[];
  /** Limits of a feasible trial, when the study defines them by metric (a spec); code passes constraint values to `tell`. */
  constraints?: readonly SearchConstraint[];
  /** The study's seed: searchers draw trial n's randomness from (seed, n) only. */
  seed: number;
  /** Trials the study runs in total, in any state (running ones included); absent: no limit. */
  budget?: number;
  /** No trial starts (nor is reclaimed) after this time (milliseconds since the epoch). */
  deadline?: number;
  /** Delete a stored study of this name first. */
  newStudy?: boolean;
  /** How to name the storage in messages. */
  storageLabel?: string;
  /** What every trial is made from (`studyTemplate` of a spec); a stored study made from another is refused. */
  template?: Record<string, unknown>;
}

/** How a trial ended, as `tell` records it. */
export type TrialResult =
  | { state: 'complete'; values: number[]; constraints?: number[] }
  | { state: 'pruned'; value?: number; reason?: string }
  | { state: 'failed'; reason: string };

/** Meta keys the study writes: the best trial (one objective) or the Pareto front (several). */
interface BestRecord { number: number; value: number; params: Record<string, unknown> }
interface ParetoRecord { number: number; values: number[]; params: Record<string, unknown> }

/**
 * One study in a storage, driven by ask and tell: `ask` takes a trial — an expired one of a dead worker
 * first (same number and parameters), else a new one whose parameters the searcher picks inside the
 * storage's transaction while the budget is not taken — and keeps its lease alive until `tell` records
 * how it ended. `report` records intermediate values and asks the pruner. The spec runner (`runStudy`)
 * and `openStudy` in code both drive trials through this class, so they share storage, leases,
 * reclaiming, pruning, budgets and the best trial / Pareto front kept in the study's meta.
 */
export class Study {
  readonly directions: Direction[];
  private readonly heartbeats = new Map<number, ReturnType<typeof setInterval>>();
  private lastWritten?: string;
  private readonly leaseSeconds: number;

  private constructor(readonly info: StudyInfo, private readonly o: StudyOptions) {
    this.directions = o.objectives.map((x) => x.direction);
    this.leaseSeconds = o.storage.leaseSeconds ?? 60;
  }

  /** Creates the study in the storage, or opens the stored one of that name (refused when its space or objectives differ). */
  static async open(o: StudyOptions): Promise<Study> {
    if (o.objectives.length === 0) throw new HyperspecError('usage', 'a study needs at least one objective');
    if (o.objectives.length > 1 && o.pruner) {
      throw new HyperspecError('spec', 'a pruner compares one objective per epoch, so it cannot prune a study with several objectives', { location: { path: 'search.pruner' } });
    }
    if (o.objectives.length > 1 && !o.searcher.multiObjective) {
      throw new HyperspecError('spec', 'this searcher optimises one objective; a study with several needs one that handles them (nsga2, tpe, bayes, random or grid)', { location: { path: 'search.searcher' } });
    }
    if (o.newStudy) await o.storage.deleteStudy(o.name);
    const info = await openOrRefuseStudy(o.storage, {
      name: o.name, space: o.space, specSpace: o.specSpace, objectives: o.objectives, constraints: o.constraints, storageLabel: o.storageLabel ?? 'the storage', template: o.template,
    });
    return new Study(info, o);
  }

  get name(): string {
    return this.info.name;
  }

  get space(): SearchSpace {
    return this.o.space;
  }

  get objectives(): readonly SearchObjective[] {
    return this.o.objectives;
  }

  /** Every trial of the study, other processes' included. */
  trials(): Promise<TrialRecord[]> {
    return this.o.storage.trials(this.info.id);
  }

  /**
   * Takes a trial to run: a dead worker's expired one (`reclaimed`), else a new one while the budget is
   * not taken and the deadline not past; null otherwise. The trial's lease is renewed until `tell`.
   * `limits` replace the study's budget and deadline for this call.
   */
  async ask(limits: { budget?: number; deadline?: number } = {}): Promise<StartedTrial | null> {
    const o = this.o;
    const deadline = limits.deadline ?? o.deadline;
    if (deadline !== undefined && Date.now() >= deadline) return null;
    const budget = limits.budget ?? o.budget ?? Number.POSITIVE_INFINITY;
    const ctx = {
      direction: this.directions[0],
      ...(this.directions.length > 1 ? { directions: this.directions } : {}),
      budget: Number.isFinite(budget) ? budget : undefined,
      seed: o.seed,
    };
    const started = await o.storage.startTrial(
      this.info.id,
      (trials, number) => (trials.length >= budget ? null : o.searcher.suggest(o.space, trials, trialRng(o.seed, number), ctx)),
      this.leaseSeconds,
    );
    if (started) this.keepAlive(started.number);
    return started;
  }

  /** A heartbeat renews the trial's lease every third of its length until the trial is told. */
  private keepAlive(number: number): void {
    this.stopHeartbeat(number);
    const timer = setInterval(() => void this.o.storage.renewLease(this.info.id, number).catch(() => undefined), (this.leaseSeconds * 1000) / 3);
    timer.unref?.();
    this.heartbeats.set(number, timer);
  }

  private stopHeartbeat(number: number): void {
    const timer = this.heartbeats.get(number);
    if (timer) clearInterval(timer);
    this.heartbeats.delete(number);
  }

  /**
   * Records trial `number`'s intermediate value at `step` (renewing its lease), with all the epoch's
   * `metrics` when given, and returns whether the pruner says to stop it. Non-finite values are not
   * recorded.
   */
  async report(number: number, step: number, value: number, metrics?: Record<string, number>): Promise<boolean> {
    if (!Number.isFinite(value)) return false;
    const { storage, pruner } = this.o;
    await storage.report(this.info.id, number, step, value, metrics);
    if (!pruner) return false;
    const trials = await storage.trials(this.info.id);
    const self = trials.find((t) => t.number === number);
    return self ? pruner.shouldPrune(self, step, trials, this.directions[0]) : false;
  }

  /**
   * Merges `attrs` into running trial `number`'s attributes (where it runs, its final metrics), when the
   * storage keeps attributes. With `late`, a trial another worker has finished meanwhile is left as it is
   * (its record wins) instead of failing the call.
   */
  async setAttrs(number: number, attrs: Record<string, unknown>, late = false): Promise<void> {
    try {
      await this.o.storage.setTrialAttrs?.(this.info.id, number, attrs);
    } catch (e) {
      if (!late || !isHyperspecError(e) || e.kind !== 'storage') throw e;
    }
  }

  /**
   * Records how trial `number` ended and stops its heartbeat. A complete trial needs one finite value
   * per objective (otherwise it is recorded failed, saying which); constraint values are feasible when
   * ≤ 0. Returns false when the trial was already finished by another worker (its record is kept).
   */
  async tell(number: number, result: TrialResult): Promise<boolean> {
    this.stopHeartbeat(number);
    const { storage } = this.o;
    let state = result.state;
    let value: number | undefined;
    let reason: string | undefined;
    let results: TrialResults | undefined;
    if (result.state === 'complete') {
      const bad = this.checkValues(result.values, result.constraints);
      if (bad) {
        state = 'failed';
        reason = bad;
      } else {
        value = result.values[0];
        results = {};
        if (this.directions.length > 1) results.values = [...result.values];
        if (result.constraints) results.constraints = [...result.constraints];
      }
    } else if (result.state === 'pruned') {
      value = result.value;
      reason = result.reason ?? 'pruned';
    } else {
      reason = result.reason;
    }
    try {
      await storage.finishTrial(this.info.id, number, state, value, reason, results);
    } catch (e) {
      // Another process reclaimed and finished this trial while we were presumed dead: keep its record.
      if (isHyperspecError(e) && e.kind === 'storage') return false;
      throw e;
    }
    await this.recordBest(false);
    return true;
  }

  /** Why values cannot complete a trial, or undefined when they can. */
  private checkValues(values: readonly number[], constraints: readonly number[] | undefined): string | undefined {
    const names = this.o.objectives.map((x) => x.metric);
    if (values.length !== names.length) return `the trial gave ${values.length} value(s) for ${names.length} objective(s) (${names.join(', ')})`;
    const i = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (i >= 0) return `the objective ${names[i]} ended as ${values[i]}`;
    const count = this.o.constraints?.length;
    if (constraints && count !== undefined && constraints.length !== count) return `the trial gave ${constraints.length} constraint value(s) for ${count} constraint(s)`;
    if (constraints?.some((c) => typeof c !== 'number' || Number.isNaN(c))) return `a constraint value is not a number (${constraints.join(', ')})`;
    return undefined;
  }

  /** The ranked complete trials: by value with one objective, by Pareto front with several (feasible trials first). */
  async leaderboard(trials?: readonly TrialRecord[]): Promise<LeaderboardEntry[]> {
    return leaderboard(trials ?? (await this.trials()), this.directions, this.o.space);
  }

  /**
   * Writes the best trial (one objective) or the Pareto front (several) to the study's meta when it
   * differs from what this process last wrote — a meta write is a durable commit, and the best changes
   * rarely. `force` writes anyway: another process may have written an older best meanwhile.
   */
  async recordBest(force: boolean, trials?: readonly TrialRecord[]): Promise<void> {
    const top = leaders(trials ?? (await this.trials()), this.directions, this.o.space);
    let patch: Record<string, unknown>;
    if (this.directions.length === 1) {
      const best = top[0];
      if (!best) return;
      patch = { best: { number: best.number, value: best.value, params: best.params } satisfies BestRecord };
    } else {
      const front = top;
      if (front.length === 0) return;
      patch = { pareto: front.map((e) => ({ number: e.number, values: e.values!, params: e.params }) satisfies ParetoRecord) };
    }
    const key = JSON.stringify(patch);
    if (!force && key === this.lastWritten) return;
    await this.o.storage.updateMeta(this.info.id, patch);
    this.lastWritten = key;
  }

  /** Whether another worker holds a running trial (it may be dead: its lease will tell). */
  async runningElsewhere(mine: ReadonlySet<number>): Promise<boolean> {
    return (await this.trials()).some((t) => t.state === 'running' && !mine.has(t.number));
  }

  /** Stops every heartbeat (the trials stay running: another worker reclaims them when their lease ends). */
  close(): void {
    for (const n of [...this.heartbeats.keys()]) this.stopHeartbeat(n);
  }
}
