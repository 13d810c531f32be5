import { resolve } from 'node:path';
import type { ContainerModule } from 'inversify';
import { ComponentsToken, HyperspecError, type Components, type Direction, type ParamValues, type Pruner, type Searcher, type StudyStorage, type TrialRecord } from '@hyperspec/core';
import { checkSearchSpace } from '@hyperspec/core/search';
import { normalizeSpace } from '@hyperspec/core/spec';
import { Study, displayParams, type LeaderboardEntry, type TrialResult } from '@hyperspec/core/study';
import { createDefaultContainer } from '../default-container.js';

/** A component given as an object, or as a node of the default bundle (`{ type: 'sqlite', path: 'study.db' }`). */
type Part<T> = T | { type: string; [option: string]: unknown };

export interface OpenStudyOptions {
  /** The search space, written as in a spec's `search.space` (choices list their options). */
  space: Record<string, unknown>;
  /** One direction per objective (default one objective, minimised). */
  directions?: Direction[];
  /** Names of the objectives in summaries (default `value`, or `value_1`, `value_2`, ... for several). */
  names?: string[];
  /** Where trials live (default memory). A relative `path` is relative to `dir`. */
  storage?: Part<StudyStorage>;
  /** Proposes each trial's parameters (default tpe). */
  searcher?: Part<Searcher>;
  /** Stops unpromising trials from the values `trial.report` records (one objective only). */
  pruner?: Part<Pruner>;
  /** The study's name in the storage (default `study`): several programs can share one storage by name. */
  name?: string;
  /** Trial n's randomness comes from (seed, n) only (default 0). */
  seed?: number;
  /** Delete a stored study of this name first. */
  newStudy?: boolean;
  /** Base of relative storage paths (default the current directory). */
  dir?: string;
  /** Plugin modules besides the default bundle (your own searcher, storage or pruner). */
  plugins?: ContainerModule[];
}

/** What a trial's function returns, or `tell` receives. */
export type TellOutcome =
  | number
  | number[]
  | { value?: number; values?: number[]; constraints?: number[] }
  | { pruned: true; value?: number }
  | { failed: string | true };

/** A trial handed out by `ask`. */
export interface AskedTrial {
  readonly number: number;
  /** Parameters by name; a choice is the chosen option itself. */
  readonly params: Record<string, unknown>;
  /** Parameters as stored (a choice as its option's index). */
  readonly raw: ParamValues;
  /** A trial a dead process had started, taken over with the same number and parameters. */
  readonly reclaimed: boolean;
  /** Records an intermediate value at `step` (an epoch); resolves true when the pruner says to stop. */
  report(step: number, value: number): Promise<boolean>;
}

export interface OptimizeOptions {
  /** Trials the study runs in total, in any state, as `search.trials` in a spec: run again after a crash and it completes the same study. */
  trials?: number;
  /** Trials run at once (concurrent calls of the function). */
  parallel?: number;
  /** Seconds after which no new trial starts. */
  timeout?: number;
}

export interface OptimizeResult {
  trials: TrialRecord[];
  /** Trials this call ran. */
  ran: number;
  best?: LeaderboardEntry;
  pareto?: LeaderboardEntry[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `tell`'s argument as the result the study records. */
function toResult(outcome: TellOutcome, lastReported: number | undefined, extra: { constraints?: number[] }): TrialResult {
  if (typeof outcome === 'number') return { state: 'complete', values: [outcome], ...(extra.constraints ? { constraints: extra.constraints } : {}) };
  if (Array.isArray(outcome)) return { state: 'complete', values: outcome, ...(extra.constraints ? { constraints: extra.constraints } : {}) };
  if (outcome && typeof outcome === 'object') {
    if ('failed' in outcome) return { state: 'failed', reason: outcome.failed === true ? 'failed' : String(outcome.failed) };
    if ('pruned' in outcome) return { state: 'pruned', value: outcome.value ?? lastReported, reason: 'pruned' };
    const values = outcome.values ?? (outcome.value !== undefined ? [outcome.value] : undefined);
    const constraints = outcome.constraints ?? extra.constraints;
    if (values) return { state: 'complete', values, ...(constraints ? { constraints } : {}) };
  }
  throw new HyperspecError('usage', `tell: cannot read ${JSON.stringify(outcome)} as a trial's outcome`, { hint: 'give a number, an array of numbers (one per objective), { values, constraints }, { pruned: true } or { failed: reason }' });
}

/**
 * A study driven from code: `ask` for a trial, run it however you like, `tell` how it went — or let
 * `optimize` call your function. The same storage, searchers, pruners, leases and resuming as
 * `hyperspec search`: trials of a process that dies are reclaimed by the next `ask` of any process once
 * their lease runs out.
 */
export class AskTellStudy {
  private readonly lastReported = new Map<number, number>();

  constructor(private readonly study: Study, private readonly ownedStorage: StudyStorage | undefined) {}

  get name(): string {
    return this.study.name;
  }

  get directions(): readonly Direction[] {
    return this.study.directions;
  }

  /** Takes the next trial: a dead process's expired one first, else a new one the searcher proposes. */
  async ask(): Promise<AskedTrial> {
    return this.wrap((await this.study.ask())!);
  }

  private wrap(started: NonNullable<Awaited<ReturnType<Study['ask']>>>): AskedTrial {
    const study = this.study;
    const lastReported = this.lastReported;
    return {
      number: started.number,
      params: displayParams(study.space, started.params),
      raw: started.params,
      reclaimed: started.reclaimed,
      report(step: number, value: number) {
        lastReported.set(started.number, value);
        return study.report(started.number, step, value);
      },
    };
  }

  /**
   * Records how a trial ended: its value (one objective), its values (several), `{ pruned: true }`,
   * `{ failed: reason }`, or `{ values, constraints }`; constraint values are feasible when ≤ 0 and may
   * also come as `extra.constraints`. A complete trial without a finite value per objective is recorded
   * failed. Returns false when another process had already finished the trial (its record is kept).
   */
  async tell(trial: AskedTrial | number, outcome: TellOutcome, extra: { constraints?: number[] } = {}): Promise<boolean> {
    const number = typeof trial === 'number' ? trial : trial.number;
    const result = toResult(outcome, this.lastReported.get(number), extra);
    this.lastReported.delete(number);
    return this.study.tell(number, result);
  }

  /**
   * Runs `fn` on trials until the study holds `trials` trials (any state; unlimited without it) or
   * `timeout` seconds pass, `parallel` at once, and waits for running trials of other processes (a dead
   * one's are reclaimed when their lease ends). An exception from `fn` records the trial failed and is
   * rethrown once the running trials end.
   */
  async optimize(fn: (trial: AskedTrial) => TellOutcome | Promise<TellOutcome>, options: OptimizeOptions = {}): Promise<OptimizeResult> {
    const deadline = options.timeout ? Date.now() + options.timeout * 1000 : undefined;
    const budget = options.trials;
    if (budget === undefined && deadline === undefined) throw new HyperspecError('usage', 'optimize needs trials or timeout, or it would never end');
    const mine = new Set<number>();
    let error: unknown;
    let ran = 0;
    const loop = async () => {
      while (error === undefined) {
        const started = await this.study.ask({ budget, deadline });
        if (!started) {
          if ((deadline !== undefined && Date.now() >= deadline) || !(await this.study.runningElsewhere(mine))) return;
          await sleep(250);
          continue;
        }
        mine.add(started.number);
        ran++;
        const trial = this.wrap(started);
        let outcome: TellOutcome;
        try {
          outcome = await fn(trial);
        } catch (e) {
          error ??= e;
          outcome = { failed: e instanceof Error ? e.message : String(e) };
        }
        try {
          await this.tell(trial, outcome);
        } catch (e) {
          error ??= e;
        }
        mine.delete(started.number);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 1) }, loop));
    if (error !== undefined) throw error;
    const trials = await this.study.trials();
    const board = await this.study.leaderboard(trials);
    return this.study.directions.length > 1 ? { trials, ran, pareto: board.filter((e) => e.rank === 1) } : { trials, ran, best: board[0] };
  }

  /** Every trial of the study, other processes' included. */
  trials(): Promise<TrialRecord[]> {
    return this.study.trials();
  }

  /** The best complete trial (one objective; a feasible one when any is). */
  async best(): Promise<LeaderboardEntry | undefined> {
    return (await this.study.leaderboard())[0];
  }

  /** The Pareto front: complete (feasible) trials no other beats in every objective. */
  async pareto(): Promise<LeaderboardEntry[]> {
    return (await this.study.leaderboard()).filter((e) => e.rank === 1);
  }

  /** Stops the lease heartbeats and closes a storage this study made. Trials not told stay running until reclaimed. */
  async close(): Promise<void> {
    this.study.close();
    await this.ownedStorage?.close?.();
  }
}

/**
 * Opens (or creates) a study to drive from code: `const study = await openStudy({ storage, searcher,
 * space, directions })`, then `study.ask()` / `study.tell(trial, value)` or `study.optimize(fn, {
 * trials, parallel })`. Components may be objects or nodes of the default bundle (`{ type: 'sqlite',
 * path: 'study.db' }`). A stored study of the same name is resumed, and refused if its space or
 * objectives differ.
 */
export async function openStudy(options: OpenStudyOptions): Promise<AskTellStudy> {
  const directions = options.directions ?? ['minimize'];
  if (directions.length === 0) throw new HyperspecError('usage', 'openStudy: directions needs at least one direction');
  const names = options.names ?? (directions.length === 1 ? ['value'] : directions.map((_, i) => `value_${i + 1}`));
  if (names.length !== directions.length) throw new HyperspecError('usage', `openStudy: ${names.length} names for ${directions.length} directions`);
  const space = normalizeSpace(options.space);
  checkSearchSpace(space, 'openStudy');
  const dir = resolve(options.dir ?? process.cwd());
  let components: Components | undefined;
  const make = <T>(kind: 'storage' | 'searcher' | 'pruner', part: Part<T> | undefined, fallback?: { type: string }): T | undefined => {
    const node = part ?? fallback;
    if (node === undefined) return undefined;
    if (typeof (node as { type?: unknown }).type !== 'string') return node as T;
    components ??= createDefaultContainer(options.plugins ?? []).get(ComponentsToken);
    return components.create<T>(kind, node as { type: string }, kind, { baseDir: dir });
  };
  const storage = make<StudyStorage>('storage', options.storage, { type: 'memory' })!;
  const owned = options.storage === undefined || typeof (options.storage as { type?: unknown }).type === 'string' ? storage : undefined;
  try {
    const searcher = make<Searcher>('searcher', options.searcher, { type: 'tpe' })!;
    const pruner = make<Pruner>('pruner', options.pruner);
    const study = await Study.open({
      storage, searcher, pruner, name: options.name ?? 'study', space, specSpace: options.space,
      objectives: directions.map((direction, i) => ({ metric: names[i], direction })), seed: options.seed ?? 0, newStudy: options.newStudy,
    });
    return new AskTellStudy(study, owned);
  } catch (e) {
    await owned?.close?.();
    throw e;
  }
}
