import type { SearchSpace, TrialRecord } from '../contracts/search-space.js';
import type { StudyInfo } from '../contracts/study-storage.js';
import { flattenSpace } from '../search/flatten-space.js';
import { normalizeSpace } from '../spec/normalize-space.js';
import { displayParams, formatValue } from './display-params.js';
import { countStates, formatLeaderboard, leaderboard, type LeaderboardEntry } from './leaderboard.js';
import { storedObjectives } from './open-study.js';

export interface ParamRange {
  name: string;
  /** Trials that had this parameter (conditional ones only when their option was chosen). */
  trials: number;
  /** Smallest and largest value seen, for numeric parameters. */
  min?: number;
  max?: number;
  /** How often each option was chosen, for choices. */
  counts?: Record<string, number>;
}

export interface StudySummary {
  name: string;
  /** The (first) objective. */
  objective: { metric: string; direction: string };
  /** Every objective, in order. */
  objectives: { metric: string; direction: string }[];
  counts: ReturnType<typeof countStates>;
  total: number;
  /** One objective: the best trials. Several: empty (see `pareto`). */
  best: LeaderboardEntry[];
  /** Several objectives: the Pareto front, by the first objective. */
  pareto?: LeaderboardEntry[];
  /** A constrained study: how many complete trials met every constraint. */
  feasible?: number;
  ranges: ParamRange[];
  failures: { number: number; reason: string }[];
}

/** The space a study was made with, from its meta (the spec form the runner stores). */
export function studySpace(study: StudyInfo): SearchSpace {
  const space = study.meta.space;
  return space && typeof space === 'object' ? normalizeSpace(space as Record<string, unknown>) : {};
}

/** What `hyperspec study` shows: counts by state, the best trials, and the range of every parameter tried. */
export function summarizeStudy(study: StudyInfo, trials: readonly TrialRecord[], top = 5): StudySummary {
  const space = studySpace(study);
  const objectives = storedObjectives(study);
  const board = leaderboard(trials, objectives.map((o) => o.direction), space);
  const constrained = trials.some((t) => t.constraints !== undefined);
  const ranges: ParamRange[] = flattenSpace(space).map((def) => {
    const seen = trials.filter((t) => def.name in t.params);
    const range: ParamRange = { name: def.name, trials: seen.length };
    if (def.distribution.type === 'choice') {
      range.counts = {};
      for (const t of seen) {
        const label = formatValue(displayParams({ [def.name]: def.distribution }, { [def.name]: t.params[def.name] })[def.name]);
        range.counts[label] = (range.counts[label] ?? 0) + 1;
      }
    } else if (seen.length > 0) {
      const values = seen.map((t) => t.params[def.name]);
      range.min = Math.min(...values);
      range.max = Math.max(...values);
    }
    return range;
  });
  return {
    name: study.name,
    objective: objectives[0],
    objectives,
    counts: countStates(trials),
    total: trials.length,
    best: objectives.length > 1 ? [] : board.slice(0, top),
    ...(objectives.length > 1 ? { pareto: board.filter((e) => e.rank === 1) } : {}),
    ...(constrained ? { feasible: board.filter((e) => e.feasible === true).length } : {}),
    ranges,
    failures: trials.filter((t) => t.state === 'failed').map((t) => ({ number: t.number, reason: t.reason ?? 'unknown' })),
  };
}

/** The summary as text for a terminal. */
export function formatStudySummary(s: StudySummary): string {
  const counts = Object.entries(s.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  const objectives = s.objectives.map((o) => `${o.direction} ${o.metric}`).join(', ');
  const feasible = s.feasible === undefined ? '' : `; ${s.feasible} of ${s.counts.complete} complete trials feasible`;
  const lines = [`study "${s.name}": ${objectives}`, `trials: ${s.total}${counts ? ` (${counts})` : ''}${feasible}`, ''];
  if (s.pareto) {
    const names = s.objectives.map((o) => o.metric);
    lines.push(s.pareto.length ? `Pareto front (${s.pareto.length} trials no other trial beats in every objective):\n${formatLeaderboard(s.pareto, names, 50)}` : 'no trial has completed yet', '');
  } else {
    lines.push(s.best.length ? `best trials:\n${formatLeaderboard(s.best, s.objective.metric)}` : 'no trial has completed yet', '');
  }
  lines.push('parameters tried:');
  const width = Math.max(0, ...s.ranges.map((r) => r.name.length));
  for (const r of s.ranges) {
    const seen = r.counts
      ? Object.entries(r.counts).map(([k, n]) => `${k} ×${n}`).join(', ')
      : r.min === undefined ? 'never' : `${formatValue(r.min)} … ${formatValue(r.max)}`;
    lines.push(`  ${r.name.padEnd(width)}  ${seen}  (${r.trials} trials)`);
  }
  if (s.failures.length) {
    lines.push('', 'failed trials:');
    for (const f of s.failures.slice(0, 10)) lines.push(`  trial ${f.number}: ${f.reason.split('\n')[0]}`);
  }
  return lines.join('\n') + '\n';
}
