import type { Direction, ParamValues, SearchSpace, TrialRecord, TrialState } from '../contracts/search-space.js';
import { paretoFront } from '../search/pareto.js';
import { rankTrials, scoredTrials, type ScoredTrial } from '../search/trial-objectives.js';
import { displayParams, formatValue } from './display-params.js';

export interface LeaderboardEntry {
  /** Place in the ranking with one objective; with several, the Pareto front the trial is on (1: the study's front). */
  rank: number;
  number: number;
  /** The (first) objective's value. */
  value: number;
  /** Every objective's value, in a study with several. */
  values?: number[];
  /** In a constrained study: whether the trial met every constraint (infeasible trials rank after feasible ones). */
  feasible?: boolean;
  /** Epochs the trial reported. */
  epochs: number;
  /** Parameters with choices decoded (what a person reads). */
  params: Record<string, unknown>;
  /** Parameters as stored (choices as indices). */
  raw: ParamValues;
}

/**
 * Complete trials, best first. One objective: by value (ties: lower trial number first). Several: by
 * Pareto front (constrained non-dominated sorting), then by the first objective. Feasible trials rank
 * before infeasible ones, which rank by their total violation. Pruned and failed trials are not ranked.
 */
export function leaderboard(trials: readonly TrialRecord[], direction: Direction | readonly Direction[], space: SearchSpace): LeaderboardEntry[] {
  const directions = typeof direction === 'string' ? [direction] : direction;
  const several = directions.length > 1;
  const entries: LeaderboardEntry[] = [];
  // One objective needs no O(N²) sorting into fronts: each value is its own front.
  const fronts: ScoredTrial[][] = several ? rankTrials(trials, directions) : [scoredTrials(trials, directions)];
  fronts.forEach((front, f) => {
    front.sort((a, b) => a.violation - b.violation || a.losses[0] - b.losses[0] || a.trial.number - b.trial.number);
    for (const { trial: t, violation } of front) {
      const entry: LeaderboardEntry = { rank: several ? f + 1 : entries.length + 1, number: t.number, value: t.value ?? t.values![0], epochs: Object.keys(t.intermediate).length, params: displayParams(space, t.params), raw: t.params };
      if (several) entry.values = [...t.values!];
      if (t.constraints) entry.feasible = violation === 0;
      entries.push(entry);
    }
  });
  return entries;
}

/**
 * The top of the leaderboard without ranking every trial: the best trial (one objective) or the
 * Pareto front (several), as the study records them after each finished trial. Linear in the trials
 * with one objective, so a long study's bookkeeping stays cheap.
 */
export function leaders(trials: readonly TrialRecord[], directions: readonly Direction[], space: SearchSpace): LeaderboardEntry[] {
  const scored = scoredTrials(trials, directions);
  let chosen: ScoredTrial[];
  if (directions.length === 1) {
    let best: ScoredTrial | undefined;
    for (const s of scored) {
      if (!best || s.violation < best.violation || (s.violation === best.violation && s.losses[0] < best.losses[0])) best = s;
    }
    chosen = best ? [best] : [];
  } else {
    chosen = paretoFront(scored.map((s) => s.losses), scored.map((s) => s.violation)).map((i) => scored[i]);
    chosen.sort((a, b) => a.losses[0] - b.losses[0] || a.trial.number - b.trial.number);
  }
  return chosen.map(({ trial: t, violation }) => {
    const entry: LeaderboardEntry = { rank: 1, number: t.number, value: t.value ?? t.values![0], epochs: Object.keys(t.intermediate).length, params: displayParams(space, t.params), raw: t.params };
    if (directions.length > 1) entry.values = [...t.values!];
    if (t.constraints) entry.feasible = violation === 0;
    return entry;
  });
}

export function countStates(trials: readonly TrialRecord[]): Record<TrialState, number> {
  const counts: Record<TrialState, number> = { complete: 0, pruned: 0, failed: 0, running: 0 };
  for (const t of trials) counts[t.state]++;
  return counts;
}

/** The leaderboard as an aligned text table (the best `limit` trials); `objective` names the value column(s). */
export function formatLeaderboard(entries: readonly LeaderboardEntry[], objective: string | readonly string[], limit = 10): string {
  const shown = entries.slice(0, limit);
  const objectives = typeof objective === 'string' ? [objective] : objective;
  const names = [...new Set(shown.flatMap((e) => Object.keys(e.params)))];
  const constrained = shown.some((e) => e.feasible !== undefined);
  const header = [objectives.length > 1 ? 'front' : 'rank', 'trial', ...objectives, ...(constrained ? ['feasible'] : []), 'epochs', ...names];
  const rows = shown.map((e) => [
    String(e.rank), String(e.number), ...(e.values ?? [e.value]).map(formatValue), ...(constrained ? [e.feasible === false ? 'no' : 'yes'] : []), String(e.epochs),
    ...names.map((n) => (n in e.params ? formatValue(e.params[n]) : '-')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const more = entries.length > limit ? `\n(${entries.length - limit} more)` : '';
  return [line(header), ...rows.map(line)].join('\n') + more;
}
