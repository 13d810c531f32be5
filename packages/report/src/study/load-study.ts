import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Direction, SearchSpace, StudyInfo, TrialRecord } from '@hyperspec/core';
import { normalizeSpace } from '@hyperspec/core/spec';
import { readStudies } from 'hyperspec';

export interface StudyData {
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

/** Reads the studies of a study directory (one, normally), read-only: a search may be writing them. */
export async function loadStudies(dir: string): Promise<StudyData[]> {
  const stored = await readStudies(dir);
  return stored.map(({ source, study, trials }) => {
    const objective = (study.meta.objective ?? {}) as { metric?: string; direction?: Direction };
    const metric = objective.metric ?? 'objective';
    const direction = objective.direction ?? study.direction;
    const several = study.meta.objectives as { metric: string; direction: Direction }[] | undefined;
    return {
      dir,
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
