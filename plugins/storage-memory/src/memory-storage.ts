import { HyperspecError, type ParamsFactory, type StartedTrial, type StudyInfo, type StudyStorage, type TrialRecord, type TrialResults, type TrialState } from '@hyperspec/core';

interface StoredTrial extends TrialRecord {
  leaseUntil: number;
  leaseSeconds: number;
}

interface StoredStudy {
  info: StudyInfo;
  trials: StoredTrial[];
}

export interface MemoryStorageOptions {
  /** Lease of a running trial, in seconds. */
  lease_seconds: number;
}

const copyTrial = (t: StoredTrial): TrialRecord => {
  const out: TrialRecord = { number: t.number, state: t.state, params: { ...t.params }, intermediate: { ...t.intermediate } };
  if (t.value !== undefined) out.value = t.value;
  if (t.reason !== undefined) out.reason = t.reason;
  if (t.values !== undefined) out.values = [...t.values];
  if (t.constraints !== undefined) out.constraints = [...t.constraints];
  if (t.metrics !== undefined) out.metrics = structuredClone(t.metrics);
  if (t.attrs !== undefined) out.attrs = structuredClone(t.attrs);
  return out;
};

/**
 * Studies kept in this process's memory. Each method runs to completion before another starts (one
 * event loop, no awaits inside), which makes every method a transaction. Nothing survives the process,
 * so a study in memory cannot be resumed; leases still expire so that the runner's behaviour matches
 * the persistent storages.
 */
export class MemoryStorage implements StudyStorage {
  readonly leaseSeconds: number;
  private readonly byName = new Map<string, StoredStudy>();
  private readonly byId = new Map<string, StoredStudy>();
  private nextId = 1;

  constructor(options: MemoryStorageOptions = { lease_seconds: 60 }) {
    this.leaseSeconds = options.lease_seconds;
  }

  private study(studyId: string): StoredStudy {
    const s = this.byId.get(studyId);
    if (!s) throw new HyperspecError('storage', `memory storage: no study with id ${studyId}`);
    return s;
  }

  private running(studyId: string, number: number, action: string): StoredTrial {
    const t = this.study(studyId).trials[number];
    if (!t) throw new HyperspecError('storage', `memory storage: cannot ${action} trial ${number}: the study has no such trial`);
    if (t.state !== 'running') throw new HyperspecError('storage', `memory storage: cannot ${action} trial ${number}: it is already ${t.state}`);
    return t;
  }

  async openStudy(name: string, init: Omit<StudyInfo, 'id' | 'name'>): Promise<StudyInfo> {
    let s = this.byName.get(name);
    if (!s) {
      s = { info: { id: String(this.nextId++), name, direction: init.direction, spaceHash: init.spaceHash, meta: structuredClone(init.meta) }, trials: [] };
      this.byName.set(name, s);
      this.byId.set(s.info.id, s);
    }
    return structuredClone(s.info);
  }

  async studies(): Promise<StudyInfo[]> {
    return [...this.byName.values()].map((s) => structuredClone(s.info));
  }

  async deleteStudy(name: string): Promise<boolean> {
    const s = this.byName.get(name);
    if (!s) return false;
    this.byName.delete(name);
    this.byId.delete(s.info.id);
    return true;
  }

  async updateMeta(studyId: string, patch: Record<string, unknown>): Promise<void> {
    const s = this.study(studyId);
    s.info.meta = { ...s.info.meta, ...structuredClone(patch) };
  }

  async startTrial(studyId: string, params: ParamsFactory, leaseSeconds: number): Promise<StartedTrial | null> {
    const s = this.study(studyId);
    const now = Date.now();
    const expired = s.trials.find((t) => t.state === 'running' && t.leaseUntil < now);
    if (expired) {
      expired.leaseUntil = now + leaseSeconds * 1000;
      expired.leaseSeconds = leaseSeconds;
      return { ...copyTrial(expired), state: 'running', reclaimed: true };
    }
    const number = s.trials.length;
    const chosen = params(s.trials.map(copyTrial), number);
    if (chosen === null) return null;
    const trial: StoredTrial = { number, state: 'running', params: { ...chosen }, intermediate: {}, leaseUntil: now + leaseSeconds * 1000, leaseSeconds };
    s.trials.push(trial);
    return { ...copyTrial(trial), state: 'running', reclaimed: false };
  }

  async report(studyId: string, trial: number, step: number, value: number, metrics?: Record<string, number>): Promise<void> {
    const t = this.running(studyId, trial, 'report to');
    t.intermediate[step] = value;
    if (metrics) (t.metrics ??= {})[step] = { ...metrics };
    t.leaseUntil = Date.now() + t.leaseSeconds * 1000;
  }

  async setTrialAttrs(studyId: string, trial: number, attrs: Record<string, unknown>): Promise<void> {
    const t = this.running(studyId, trial, 'set attributes of');
    t.attrs = { ...t.attrs, ...structuredClone(attrs) };
  }

  async importStudy(study: Omit<StudyInfo, 'id'>, trials: readonly TrialRecord[]): Promise<StudyInfo> {
    if (this.byName.has(study.name)) throw new HyperspecError('storage', `memory storage: a study named "${study.name}" exists already`);
    const info = await this.openStudy(study.name, study);
    // Running trials arrive with an expired lease: their worker is elsewhere, so the next start reclaims them.
    this.study(info.id).trials = trials.map((t) => ({ ...copyTrial(t as StoredTrial), leaseUntil: 0, leaseSeconds: this.leaseSeconds }));
    return info;
  }

  async renewLease(studyId: string, trial: number): Promise<void> {
    const t = this.running(studyId, trial, 'renew the lease of');
    t.leaseUntil = Date.now() + t.leaseSeconds * 1000;
  }

  async finishTrial(studyId: string, trial: number, state: Exclude<TrialState, 'running'>, value?: number, reason?: string, results?: TrialResults): Promise<void> {
    const t = this.running(studyId, trial, 'finish');
    t.state = state;
    if (value !== undefined) t.value = value;
    if (reason !== undefined) t.reason = reason;
    if (results?.values) t.values = [...results.values];
    if (results?.constraints) t.constraints = [...results.constraints];
  }

  async trials(studyId: string): Promise<TrialRecord[]> {
    return this.study(studyId).trials.map(copyTrial);
  }
}
