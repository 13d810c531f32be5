import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HyperspecError, type StudyInfo, type TrialRecord } from '@hyperspec/core';
import { summarizeStudy, type StudySummary } from '@hyperspec/core/study';
import { isDatabaseUrl, storageAt } from './storage-at.js';

export interface InspectedStudy {
  /** The database or leaderboard file read. */
  source: string;
  summary: StudySummary;
}

/** A stored study with every trial, as read. */
export interface StoredStudy {
  /** The database or leaderboard file read. */
  source: string;
  study: StudyInfo;
  trials: TrialRecord[];
}

/**
 * Reads every study of a SQLite database, read-only (a search may be writing it), or of a PostgreSQL
 * URL (named without its password), with the default bundle's storages.
 */
async function fromDatabase(locator: string): Promise<StoredStudy[]> {
  const { storage, label } = storageAt(locator);
  const source = isDatabaseUrl(locator) ? label : locator;
  try {
    const out: StoredStudy[] = [];
    for (const study of await storage.studies()) out.push({ source, study, trials: await storage.trials(study.id) });
    return out;
  } finally {
    await storage.close?.();
  }
}

/** A study whose storage was memory lives on only in the leaderboard.json the runner wrote. */
function fromLeaderboard(file: string): StoredStudy[] {
  const record = JSON.parse(readFileSync(file, 'utf8')) as {
    study: string; objective: { metric: string; direction: 'minimize' | 'maximize' }; objectives?: unknown[]; constraints?: unknown[]; space: Record<string, unknown>; trials: TrialRecord[];
  };
  const meta = { space: record.space, objective: record.objective, ...(record.objectives ? { objectives: record.objectives } : {}), ...(record.constraints ? { constraints: record.constraints } : {}) };
  const study: StudyInfo = { id: '', name: record.study, direction: record.objective.direction, spaceHash: '', meta };
  return [{ source: file, study, trials: record.trials ?? [] }];
}

/** `hyperspec study <path>`: a summary of each study stored at `path` (see `readStudies`). */
export async function inspectStudy(path: string): Promise<InspectedStudy[]> {
  return (await readStudies(path)).map((s) => ({ source: s.source, summary: summarizeStudy(s.study, s.trials) }));
}

/**
 * The studies stored at `path` — a PostgreSQL URL, a SQLite file, or a study directory (its `.db`
 * files, else its leaderboard.json) — with every trial. Reads only: a search may be writing the study
 * meanwhile.
 */
export async function readStudies(path: string): Promise<StoredStudy[]> {
  if (isDatabaseUrl(path)) return fromDatabase(path);
  const target = resolve(path);
  if (!existsSync(target)) throw new HyperspecError('usage', `${path} does not exist`, { hint: 'give a study directory (<output_dir>/<name>-study) or its database file' });
  if (statSync(target).isFile()) return target.endsWith('.json') ? fromLeaderboard(target) : fromDatabase(target);
  const databases = readdirSync(target).filter((f) => f.endsWith('.db')).sort();
  if (databases.length > 0) return (await Promise.all(databases.map((f) => fromDatabase(join(target, f))))).flat();
  const board = join(target, 'leaderboard.json');
  if (existsSync(board)) return fromLeaderboard(board);
  throw new HyperspecError('usage', `${path} holds no study: no .db file and no leaderboard.json`, { hint: 'give the study directory a search wrote, or its database file' });
}
