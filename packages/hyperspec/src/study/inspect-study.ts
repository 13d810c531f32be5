import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HyperspecError, type StudyInfo, type TrialRecord } from '@hyperspec/core';
import { readRegularFile } from '@hyperspec/core/run';
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
  const hint = 'a search writes it at its end: run the search again to rewrite it (a SQLite study keeps everything in its database)';
  const text = readRegularFile(file, { maxBytes: 1 << 30, what: 'leaderboard', hint }).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new HyperspecError('data', `${file} is not valid JSON (${(e as Error).message}); it is truncated or garbled`, { hint, cause: e });
  }
  const problem = leaderboardProblem(parsed);
  if (problem) throw new HyperspecError('data', `${file} is not a study leaderboard: ${problem}`, { hint });
  const record = parsed as {
    study: string; objective: { metric: string; direction: 'minimize' | 'maximize' }; objectives?: unknown[]; constraints?: unknown[]; space: Record<string, unknown>; trials: TrialRecord[];
  };
  const meta = { space: record.space, objective: record.objective, ...(record.objectives ? { objectives: record.objectives } : {}), ...(record.constraints ? { constraints: record.constraints } : {}) };
  const study: StudyInfo = { id: '', name: record.study, direction: record.objective.direction, spaceHash: '', meta };
  return [{ source: file, study, trials: record.trials }];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** What is wrong with a parsed leaderboard.json, or undefined. */
function leaderboardProblem(x: unknown): string | undefined {
  if (!isRecord(x)) return 'it is not a JSON object';
  if (typeof x.study !== 'string') return '"study" is not a name';
  if (!isRecord(x.objective) || typeof x.objective.metric !== 'string' || (x.objective.direction !== 'minimize' && x.objective.direction !== 'maximize')) return '"objective" is not { metric, direction }';
  if (!isRecord(x.space)) return '"space" is not a mapping';
  const badSpace = Object.entries(x.space).find(([, d]) => !isRecord(d) || typeof d.type !== 'string');
  if (badSpace) return `"space" entry "${badSpace[0]}" is not a distribution`;
  if (!Array.isArray(x.trials)) return '"trials" is not a list';
  const states = new Set(['running', 'complete', 'pruned', 'failed']);
  const bad = x.trials.findIndex((t) => !isRecord(t) || typeof t.number !== 'number' || !states.has(t.state as string) || !isRecord(t.params) || !isRecord(t.intermediate) || (t.value !== undefined && t.value !== null && typeof t.value !== 'number'));
  if (bad >= 0) return `trial entry ${bad} is not a trial (number, state, params, intermediate, value)`;
  return undefined;
}

/** The summary of a stored study; stored data that cannot be summarised (a damaged space) is a data error naming the file. */
function summarize(file: string, study: StudyInfo, trials: TrialRecord[]): StudySummary {
  try {
    return summarizeStudy(study, trials);
  } catch (e) {
    if (e instanceof HyperspecError) throw e;
    throw new HyperspecError('data', `${file}: study "${study.name}" cannot be summarised: its stored search space or trials are damaged (${(e as Error).message})`, { cause: e });
  }
}

/** `hyperspec study <path>`: a summary of each study stored at `path` (see `readStudies`). */
export async function inspectStudy(path: string): Promise<InspectedStudy[]> {
  return (await readStudies(path)).map((s) => ({ source: s.source, summary: summarize(s.source, s.study, s.trials) }));
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
  if (!statSync(target).isDirectory()) return target.endsWith('.json') ? fromLeaderboard(target) : fromDatabase(target);
  const databases = readdirSync(target).filter((f) => f.endsWith('.db')).sort();
  if (databases.length > 0) return (await Promise.all(databases.map((f) => fromDatabase(join(target, f))))).flat();
  const board = join(target, 'leaderboard.json');
  if (existsSync(board)) return fromLeaderboard(board);
  throw new HyperspecError('usage', `${path} holds no study: no .db file and no leaderboard.json`, { hint: 'give the study directory a search wrote, or its database file' });
}
