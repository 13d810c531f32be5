import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { HyperspecError } from '@hyperspec/core';
import { atomicWriteFile } from '@hyperspec/core/run';
import type { PageView } from '../page/view.js';
import { renderHtml } from './render-html.js';
import { isRunDirectory, loadRun } from './run/load-run.js';
import { runView } from './run/run-view.js';
import { isStudyDirectory, loadStudies } from './study/load-study.js';
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

/**
 * `hyperspec report <dir>`: writes the report of a run directory or of a study directory as one
 * self-contained HTML file (default `<dir>/report.html`). A study's report links each trial's run
 * report, written into the trial's directory. Files are replaced atomically.
 */
export async function writeReport(target: string, options: { out?: string } = {}): Promise<WrittenReport> {
  const dir = resolve(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new HyperspecError('usage', `${target} is not a directory`, { hint: 'give a run directory (runs/<name>/<time>) or a study directory (runs/<name>-study)' });
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
  const studies = await loadStudies(dir);
  if (studies.length === 0) throw new HyperspecError('usage', `${target}: the storage holds no study yet`);
  const trialReports: string[] = [];
  const links = new Map<number, string>();
  for (const t of studies[0].trials) {
    const trialDir = join(dir, 'trials', String(t.number));
    if (!isRunDirectory(trialDir)) continue;
    const trialFile = join(trialDir, 'report.html');
    write(trialFile, runView(loadRun(trialDir), { studyHref: href(trialFile, file) }));
    trialReports.push(trialFile);
    links.set(t.number, href(file, trialFile));
  }
  write(file, studyView(studies[0], { trialHref: (n) => links.get(n) }));
  return { kind: 'study', file, trialReports };
}
