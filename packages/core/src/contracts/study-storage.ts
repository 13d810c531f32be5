import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Direction, ParamValues, TrialRecord, TrialState } from './search-space.js';

export interface StudyInfo {
  id: string;
  name: string;
  direction: Direction;
  /** Fingerprint of the search space; a resumed study with a different one is refused. */
  spaceHash: string;
  /** Anything the runner wants kept with the study (the spec it was made from, the best trial). */
  meta: Record<string, unknown>;
}

/**
 * Builds the parameters of a new trial, called by `startTrial` inside its transaction with every trial
 * of the study (running ones included) and the number the new trial will get. Returning `null` declines:
 * no trial is allocated (the runner does this when the trial budget is already taken), so a budget
 * checked here holds across processes.
 */
export type ParamsFactory = (trials: readonly TrialRecord[], number: number) => ParamValues | null;

/**
 * What a finished trial holds besides its value: every objective's value in a study with several
 * (`value` is the first of them), and the constraint values of a constrained study (feasible when ≤ 0).
 */
export interface TrialResults {
  values?: number[];
  constraints?: number[];
}

/** A trial handed to a worker by `startTrial`. */
export interface StartedTrial extends TrialRecord {
  state: 'running';
  /** True when this is a dead worker's trial taken over (same number, same parameters, its intermediate values kept). */
  reclaimed: boolean;
}

/**
 * Where studies and trials live. Every method may be called from several processes at once; trial
 * numbers must be allocated atomically. Nothing a method has written may be lost when the process
 * crashes (killed, out of memory, an exception). On power loss or an OS crash, finished trials, the
 * meta and the studies must survive too; what a storage may lose there is only the latest state of
 * trials that were still running (a start, a report, a lease renewal), since those trials are
 * reclaimed or started afresh on resume anyway.
 *
 * A running trial holds a lease (`leaseSeconds` long, renewed by `report` and `renewLease`). When a
 * worker dies its lease runs out, and the next `startTrial` of any process reclaims the trial: the same
 * number and the same parameters (so a crash does not change which points a study tries, and a grid
 * keeps its point), its intermediate values kept (a resumed run reports the same steps again).
 * A finished trial never changes again: `finishTrial` and `report` on it throw a `storage` error.
 *
 * Implementations: in-memory (one process), SQLite (processes on one machine: `BEGIN IMMEDIATE`
 * transactions serialise writers), PostgreSQL (machines sharing one server: `startTrial` reclaims with
 * `FOR UPDATE SKIP LOCKED`, else locks the study row so the budget check sees every trial; leases
 * compare against the server's `now()` so machines with skewed clocks agree).
 */
export interface StudyStorage {
  /** The lease the runner gives its trials unless told otherwise (storage option `lease_seconds`). */
  readonly leaseSeconds?: number;
  /** How messages name this storage, e.g. `postgres ann@db:5432/lab` (never with a password). */
  readonly label?: string;
  /** Called once when a study starts or resumes: creates the study or returns the existing one of that name. */
  openStudy(name: string, init: Omit<StudyInfo, 'id' | 'name'>): Promise<StudyInfo>;
  /** Every study in this storage (`hyperspec study` lists them). */
  studies(): Promise<StudyInfo[]>;
  /** Removes a study and its trials (`hyperspec search --new-study` when the old one cannot be moved aside); false if absent. */
  deleteStudy(name: string): Promise<boolean>;
  /** Merges `patch` into the study's meta (the runner records the best trial whenever a finished trial changes it, and at the end of a run). */
  updateMeta(studyId: string, patch: Record<string, unknown>): Promise<void>;
  /**
   * Called by the runner for each trial it wants to run. Atomically: reclaims the lowest-numbered
   * running trial whose lease expired, if any (without calling `params`); otherwise calls `params` with
   * the current trials and the next number and inserts the trial it returns. Returns null when `params`
   * declined. The new or reclaimed trial is leased for `leaseSeconds`.
   */
  startTrial(studyId: string, params: ParamsFactory, leaseSeconds: number): Promise<StartedTrial | null>;
  /**
   * Called after each epoch of a running trial: records an intermediate value (and, when given, all the
   * epoch's metrics, returned as `TrialRecord.metrics`) and renews the trial's lease.
   */
  report(studyId: string, trial: number, step: number, value: number, metrics?: Record<string, number>): Promise<void>;
  /**
   * Called by the runner when it starts a trial (the host and folder it runs in) and before it finishes
   * one (its final metrics): merges `attrs` into the trial's `attrs` (top-level keys replace). Throws a
   * `storage` error if the trial is not running. Optional: a storage without it keeps values only.
   */
  setTrialAttrs?(studyId: string, trial: number, attrs: Record<string, unknown>): Promise<void>;
  /**
   * Called by `hyperspec study copy`: creates a study holding exactly these trials (numbers, states,
   * values, objective and constraint values, reasons, intermediate values, metrics and attrs kept; running ones get an expired lease, so
   * the next worker reclaims them). Throws a `storage` error when a study of that name exists.
   */
  importStudy?(study: Omit<StudyInfo, 'id'>, trials: readonly TrialRecord[]): Promise<StudyInfo>;
  /** Called periodically while a trial runs (a heartbeat): extends its lease by the trial's lease length. */
  renewLease(studyId: string, trial: number): Promise<void>;
  /**
   * Called once when a running trial ends, with its final state; throws a `storage` error if it is not
   * running. `results` (several objectives, constraints) are stored in the same transaction and returned
   * as the trial's `values` and `constraints`, in the order given.
   */
  finishTrial(studyId: string, trial: number, state: Exclude<TrialState, 'running'>, value?: number, reason?: string, results?: TrialResults): Promise<void>;
  /** Every trial of the study, in number order. */
  trials(studyId: string): Promise<TrialRecord[]>;
  /** Called when the runner is done with the storage. */
  close?(): Promise<void>;
}

/** The container token under which plugins bind StudyStorage descriptors, each named by its `type`. */
export const StudyStorage: ServiceIdentifier<ComponentDescriptor<StudyStorage>> = Symbol.for('hyperspec.StudyStorage');
