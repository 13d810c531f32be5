import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ComponentsToken, HyperspecError, type StudyInfo, type StudyStorage, type TrialRecord } from '@hyperspec/core';
import { summarizeStudy, type StudySummary } from '@hyperspec/core/study';
import { createDefaultContainer } from '../default-container.js';

export interface InspectedStudy {
  /** The database or leaderboard file read. */
  source: string;
  summary: StudySummary;
}

/** Reads every study of a SQLite database with the default bundle's `sqlite` storage. */
async function fromDatabase(file: string): Promise<InspectedStudy[]> {
  const storage = createDefaultContainer().get(ComponentsToken).create<StudyStorage>('storage', { type: 'sqlite', path: file }, 'storage');
  try {
    const out: InspectedStudy[] = [];
    for (const study of await storage.studies()) out.push({ source: file, summary: summarizeStudy(study, await storage.trials(study.id)) });
    return out;
  } finally {
    await storage.close?.();
  }
}

/** A study whose storage was memory lives on only in the leaderboard.json the runner wrote. */
function fromLeaderboard(file: string): InspectedStudy[] {
  const record = JSON.parse(readFileSync(file, 'utf8')) as { study: string; objective: { metric: string; direction: 'minimize' | 'maximize' }; space: Record<string, unknown>; trials: TrialRecord[] };
  const study: StudyInfo = { id: '', name: record.study, direction: record.objective.direction, spaceHash: '', meta: { space: record.space, objective: record.objective } };
  return [{ source: file, summary: summarizeStudy(study, record.trials ?? []) }];
}

/**
 * `hyperspec study <path>`: the studies stored at `path` — a SQLite file, or a study directory (its
 * `.db` files, else its leaderboard.json).
 */
export async function inspectStudy(path: string): Promise<InspectedStudy[]> {
  const target = resolve(path);
  if (!existsSync(target)) throw new HyperspecError('usage', `${path} does not exist`, { hint: 'give a study directory (<output_dir>/<name>-study) or its database file' });
  if (statSync(target).isFile()) return target.endsWith('.json') ? fromLeaderboard(target) : fromDatabase(target);
  const databases = readdirSync(target).filter((f) => f.endsWith('.db')).sort();
  if (databases.length > 0) return (await Promise.all(databases.map((f) => fromDatabase(join(target, f))))).flat();
  const board = join(target, 'leaderboard.json');
  if (existsSync(board)) return fromLeaderboard(board);
  throw new HyperspecError('usage', `${path} holds no study: no .db file and no leaderboard.json`, { hint: 'give the study directory a search wrote, or its database file' });
}
