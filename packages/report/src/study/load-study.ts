import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HyperspecError, type Direction, type SearchSpace, type StudyInfo, type TrialRecord } from '@hyperspec/core';
import { normalizeSpace } from '@hyperspec/core/spec';
import { isDatabaseUrl, readStudies } from 'hyperspec';

export interface StudyData {
  /** The study directory, or for a database the URL without its password (shown on the page). */
  dir: string;
  /** The database or leaderboard file read. */
  source: string;
  study: StudyInfo;
  trials: TrialRecord[];
  space: SearchSpace;
  metric: string;
  direction: Direction;
  /** Every objective of the study (one, or several for a Pareto search), the first being `metric`. */
  objectives: { metric: string; direction: Direction }[];
}

/** True when `dir` holds a study: a SQLite database or the leaderboard a memory-stored study leaves. */
export function isStudyDirectory(dir: string): boolean {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
  return existsSync(join(dir, 'leaderboard.json')) || readdirSync(dir).some((f) => f.endsWith('.db'));
}

/**
 * Reads the studies of a study directory (one, normally) or of a PostgreSQL URL, read-only: a search may
 * be writing them.
 */
export async function loadStudies(dir: string): Promise<StudyData[]> {
  const stored = await readStudies(dir);
  return stored.map(({ source, study, trials }) => {
    const objective = (study.meta.objective ?? {}) as { metric?: string; direction?: Direction };
    const metric = objective.metric ?? 'objective';
    const direction = objective.direction ?? study.direction;
    const several = study.meta.objectives as { metric: string; direction: Direction }[] | undefined;
    return {
      dir: isDatabaseUrl(dir) ? source : dir,
      source,
      study,
      trials,
      space: normalizeSpace((study.meta.space ?? {}) as Record<string, unknown>),
      metric,
      direction,
      objectives: Array.isArray(several) && several.length > 0 ? several : [{ metric, direction }],
    };
  });
}

/** Where a trial of the study ran (`attrs.run_dir`, recorded by the worker that ran it), if recorded. */
export function recordedRunDir(data: StudyData, n: number): string | undefined {
  const dir = data.trials.find((t) => t.number === n)?.attrs?.run_dir;
  return typeof dir === 'string' ? dir : undefined;
}

/**
 * The study a report or view is of: the one named, else the only one. Several without a name is a
 * usage error listing them (a shared database holds many studies).
 */
export function pickStudy(studies: StudyData[], name: string | undefined, where: string): StudyData {
  const names = studies.map((s) => `"${s.study.name}"`).join(', ');
  if (name !== undefined) {
    const found = studies.find((s) => s.study.name === name);
    if (!found) throw new HyperspecError('usage', `${where} holds no study "${name}"${studies.length ? ` (it holds ${names})` : ''}`, { hint: 'name one of its studies with --study' });
    return found;
  }
  if (studies.length === 0) throw new HyperspecError('usage', `${where}: the storage holds no study yet`);
  if (studies.length > 1) throw new HyperspecError('usage', `${where} holds ${studies.length} studies (${names})`, { hint: 'choose one with --study NAME' });
  return studies[0];
}
