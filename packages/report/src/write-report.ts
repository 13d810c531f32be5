import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { HyperspecError } from '@hyperspec/core';
import { atomicWriteFile } from '@hyperspec/core/run';
import { isDatabaseUrl } from 'hyperspec';
import type { PageView } from '../page/view.js';
import { renderHtml } from './render-html.js';
import { isRunDirectory, loadRun } from './run/load-run.js';
import { runView } from './run/run-view.js';
import { isStudyDirectory, loadStudies, pickStudy, recordedRunDir, type StudyData } from './study/load-study.js';
import { studyView } from './study/study-view.js';

export interface WrittenReport {
  kind: 'run' | 'study';
  /** The report file. */
  file: string;
  /** A study's trial reports, written beside each trial's run. */
  trialReports: string[];
}

/** A link from one file's folder to another file, with forward slashes (it goes into an href). */
function href(fromFile: string, toFile: string): string {
  return relative(dirname(fromFile), toFile).split(sep).join('/');
}

function write(file: string, view: PageView): void {
  mkdirSync(dirname(file), { recursive: true });
  atomicWriteFile(file, renderHtml({ view }));
}

export interface ReportOptions {
  /** The report file (default `<dir>/report.html`; for a database URL `<study name>-report.html` here). */
  out?: string;
  /** Which study, when the storage holds several (default: the only one). */
  study?: string;
}

/**
 * `hyperspec report <dir | postgres://URL>`: writes the report of a run directory, of a study
 * directory, or of a study in a PostgreSQL database (from any machine), as one self-contained HTML
 * file. A study's report links each trial's run report, written into the trial's directory when that
 * directory is on this machine. Files are replaced atomically.
 */
export async function writeReport(target: string, options: ReportOptions = {}): Promise<WrittenReport> {
  if (isDatabaseUrl(target)) {
    const data = pickStudy(await loadStudies(target), options.study, 'the database');
    const file = resolve(options.out ?? `${data.study.name}-report.html`);
    return writeStudyReport(data, file, (n) => recordedRunDir(data, n));
  }
  const dir = resolve(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new HyperspecError('usage', `${target} is not a directory`, { hint: 'give a run directory (runs/<name>/<time>), a study directory (runs/<name>-study) or a postgres:// URL' });
  }
  const file = resolve(options.out ?? join(dir, 'report.html'));
  if (isRunDirectory(dir)) {
    const run = loadRun(dir);
    const studyReport = run.trial ? join(run.trial.studyDir, 'report.html') : undefined;
    write(file, runView(run, { studyHref: studyReport && existsSync(studyReport) ? href(file, studyReport) : undefined }));
    return { kind: 'run', file, trialReports: [] };
  }
  if (!isStudyDirectory(dir)) {
    throw new HyperspecError('usage', `${target} is neither a run directory (no spec.resolved.yaml) nor a study directory (no .db file or leaderboard.json)`, {
      hint: 'hyperspec train writes runs/<name>/<time>; hyperspec search writes runs/<name>-study',
    });
  }
  const data = pickStudy(await loadStudies(dir), options.study, target);
  return writeStudyReport(data, file, (n) => join(dir, 'trials', String(n)));
}

/** The study page, and a run page for each trial whose directory is on this machine, linked both ways. */
function writeStudyReport(data: StudyData, file: string, trialDir: (n: number) => string | undefined): WrittenReport {
  const trialReports: string[] = [];
  const links = new Map<number, string>();
  for (const t of data.trials) {
    const dir = trialDir(t.number);
    if (!dir || !isRunDirectory(dir)) continue;
    const trialFile = join(dir, 'report.html');
    write(trialFile, runView(loadRun(dir), { studyHref: href(trialFile, file) }));
    trialReports.push(trialFile);
    links.set(t.number, href(file, trialFile));
  }
  write(file, studyView(data, { trialHref: (n) => links.get(n) }));
  return { kind: 'study', file, trialReports };
}
