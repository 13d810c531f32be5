import type { ServiceIdentifier } from 'inversify';
import type { Direction, ParamValues, TrialRecord, TrialState } from './search-space.js';

export interface StudyInfo {
  id: string;
  name: string;
  direction: Direction;
  /** Fingerprint of the search space; a resumed study with a different one is refused. */
  spaceHash: string;
  /** Anything the runner wants kept with the study (the spec it was made from). */
  meta: Record<string, unknown>;
}

/**
 * Where studies and trials live. Every method may be called from several processes at once; trial
 * numbers must be allocated atomically and nothing written may be lost on a crash. Implementations:
 * in-memory, SQLite (one machine), PostgreSQL (many).
 */
export interface StudyStorage {
  /** Creates the study or returns the existing one of that name. */
  openStudy(name: string, init: Omit<StudyInfo, 'id' | 'name'>): Promise<StudyInfo>;
  /**
   * Starts a trial: reclaims one whose lease expired (a dead worker's) if any, else allocates the next
   * number. `params` builds the parameters from the current trials, inside the same transaction.
   */
  startTrial(studyId: string, params: (trials: readonly TrialRecord[]) => ParamValues, leaseSeconds: number): Promise<TrialRecord>;
  /** Records an intermediate value and renews the trial's lease. */
  report(studyId: string, trial: number, step: number, value: number): Promise<void>;
  /** Ends a trial with its final state. */
  finishTrial(studyId: string, trial: number, state: Exclude<TrialState, 'running'>, value?: number, reason?: string): Promise<void>;
  /** Every trial of the study, in number order. */
  trials(studyId: string): Promise<TrialRecord[]>;
  close?(): Promise<void>;
}

export const StudyStorage: ServiceIdentifier<StudyStorage> = Symbol.for('hyperspec.StudyStorage');
