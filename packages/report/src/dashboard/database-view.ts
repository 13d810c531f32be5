import { isAbsolute, relative, sep } from 'node:path';
import type { PageView } from '../../page/view.js';
import { isRunDirectory } from '../run/load-run.js';
import { loadStudies, recordedRunDir, type StudyData } from '../study/load-study.js';
import { studyView } from '../study/study-view.js';

/** A study of the dashboard's database: its name and the page path it is served at. */
export interface DatabaseStudy {
  name: string;
  href: string;
}

/** `/db/<name>`: where a database study's page is served (names are percent-encoded whole). */
export const databaseHref = (name: string) => `/db/${encodeURIComponent(name)}`;

/** The studies of the database, by name, for the index. */
export async function databaseStudies(url: string): Promise<DatabaseStudy[]> {
  return (await loadStudies(url)).map((s) => ({ name: s.study.name, href: databaseHref(s.study.name) }));
}

/**
 * The page of one study of the database, or null when it holds none of that name. A trial whose run
 * directory (recorded by the worker that ran it) lies under the served folder links to its run page.
 */
export async function databaseStudyView(url: string, name: string, root: string, runHref: (rel: string) => string): Promise<PageView | null> {
  const data: StudyData | undefined = (await loadStudies(url)).find((s) => s.study.name === name);
  if (!data) return null;
  return studyView(data, { trialHref: (n) => recordedRunHref(data, n, root, runHref) });
}

/**
 * The link to trial n's run page when the worker that ran it recorded its run directory and that
 * directory is a run under the served folder; else undefined (no link).
 */
export function recordedRunHref(data: StudyData, n: number, root: string, runHref: (rel: string) => string): string | undefined {
  const dir = recordedRunDir(data, n);
  if (dir === undefined || !isAbsolute(dir)) return undefined;
  const rel = relative(root, dir);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !isRunDirectory(dir)) return undefined;
  return runHref(rel.split(sep).join('/'));
}
