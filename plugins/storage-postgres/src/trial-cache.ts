import type { ParamValues, TrialRecord, TrialState } from '@hyperspec/core';

/** A trial as the storage selects it: its intermediate values as `[step, value, metrics JSON]` triples. */
export interface TrialRow {
  number: number;
  state: TrialState;
  params: string;
  value: number | null;
  reason: string | null;
  attrs: string | null;
  objective_values: number[] | null;
  constraint_values: number[] | null;
  steps: [number, number, string | null][] | null;
}

/**
 * What one process has read of a study's trials. `prefix` holds trials 0 … frontier - 1, all finished
 * and so frozen; numbers only grow (a new trial gets max + 1), so no trial below the frontier appears
 * or changes later, and a read selects only the rows from the frontier on. `above` holds finished
 * trials past the frontier (one that finished while an older one still runs), which a read skips too.
 * The same scheme as the SQLite storage's: a study's bookkeeping costs the trials since the oldest
 * running one, not the whole study, which keeps the per-trial overhead flat as a study grows.
 */
export class TrialCache {
  private readonly prefix: TrialRecord[] = [];
  private readonly above = new Map<number, TrialRecord>();

  /** The first number a read must select. */
  get frontier(): number {
    return this.prefix.length === 0 ? 0 : this.prefix[this.prefix.length - 1].number + 1;
  }

  /** Numbers at or past the frontier already held (finished): a read leaves them out. */
  aboveNumbers(): number[] {
    return [...this.above.keys()];
  }

  static toTrial(r: TrialRow): TrialRecord {
    const t: TrialRecord = { number: r.number, state: r.state, params: JSON.parse(r.params) as ParamValues, intermediate: {} };
    for (const [step, value, metrics] of r.steps ?? []) {
      t.intermediate[step] = value;
      if (metrics !== null) (t.metrics ??= {})[step] = JSON.parse(metrics) as Record<string, number>;
    }
    if (r.value !== null) t.value = r.value;
    if (r.reason !== null) t.reason = r.reason;
    if (r.objective_values !== null) t.values = r.objective_values.map(Number);
    if (r.constraint_values !== null) t.constraints = r.constraint_values.map(Number);
    if (r.attrs !== null) t.attrs = JSON.parse(r.attrs) as Record<string, unknown>;
    return t;
  }

  /**
   * Every trial in number order: the rows just read (from the frontier on, held ones left out) with the
   * held ones. Reads of one process overlap (the runner's loops share the storage), so the rows may
   * come from a read that started before another one moved the frontier or held more trials: rows
   * below the frontier or already held are dropped, so no trial is listed twice.
   */
  merge(rows: readonly TrialRow[]): TrialRecord[] {
    const frontier = this.frontier;
    const byNumber = new Map<number, TrialRecord>();
    for (const t of this.above.values()) byNumber.set(t.number, t);
    for (const row of rows) {
      if (row.number < frontier || byNumber.has(row.number)) continue;
      const t = TrialCache.toTrial(row);
      if (t.state !== 'running') {
        // Finished: frozen from now on, so held and never read again.
        Object.freeze(t.params);
        Object.freeze(t.intermediate);
        this.above.set(t.number, Object.freeze(t));
      }
      byNumber.set(t.number, t);
    }
    const rest = [...byNumber.values()].sort((a, b) => a.number - b.number);
    // Move the finished run at the start of `rest` below the frontier.
    let moved = 0;
    while (moved < rest.length && rest[moved].state !== 'running' && rest[moved].number === this.frontier) {
      this.prefix.push(rest[moved]);
      this.above.delete(rest[moved].number);
      moved++;
    }
    return [...this.prefix, ...rest.slice(moved)];
  }
}
