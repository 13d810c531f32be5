import type { Direction, ParamValues, SearchSpace, TrialRecord, TrialState } from '../contracts/search-space.js';
import { displayParams, formatValue } from './display-params.js';

export interface LeaderboardEntry {
  rank: number;
  number: number;
  value: number;
  /** Epochs the trial reported. */
  epochs: number;
  /** Parameters with choices decoded (what a person reads). */
  params: Record<string, unknown>;
  /** Parameters as stored (choices as indices). */
  raw: ParamValues;
}

/** Complete trials, best first (ties: lower trial number first). Pruned and failed trials are not ranked. */
export function leaderboard(trials: readonly TrialRecord[], direction: Direction, space: SearchSpace): LeaderboardEntry[] {
  const sign = direction === 'minimize' ? 1 : -1;
  return trials
    .filter((t) => t.state === 'complete' && t.value !== undefined && Number.isFinite(t.value))
    .sort((a, b) => sign * (a.value! - b.value!) || a.number - b.number)
    .map((t, i) => ({ rank: i + 1, number: t.number, value: t.value!, epochs: Object.keys(t.intermediate).length, params: displayParams(space, t.params), raw: t.params }));
}

export function countStates(trials: readonly TrialRecord[]): Record<TrialState, number> {
  const counts: Record<TrialState, number> = { complete: 0, pruned: 0, failed: 0, running: 0 };
  for (const t of trials) counts[t.state]++;
  return counts;
}

/** The leaderboard as an aligned text table (the best `limit` trials). */
export function formatLeaderboard(entries: readonly LeaderboardEntry[], objective: string, limit = 10): string {
  const shown = entries.slice(0, limit);
  const names = [...new Set(shown.flatMap((e) => Object.keys(e.params)))];
  const header = ['rank', 'trial', objective, 'epochs', ...names];
  const rows = shown.map((e) => [String(e.rank), String(e.number), formatValue(e.value), String(e.epochs), ...names.map((n) => (n in e.params ? formatValue(e.params[n]) : '-'))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const more = entries.length > limit ? `\n(${entries.length - limit} more)` : '';
  return [line(header), ...rows.map(line)].join('\n') + more;
}
