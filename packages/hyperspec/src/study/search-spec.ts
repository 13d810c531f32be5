import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { HyperspecError, type Pruner, type Searcher, type StudyInfo, type StudyStorage } from '@hyperspec/core';
import { normalizeSpace, type ResolvedSpec } from '@hyperspec/core/spec';
import { runStudy, studyDirFor, type StudyObserver, type StudyRunResult } from '@hyperspec/core/study';
import { DirectoryLock, makeDirectory } from '@hyperspec/core/run';
import { openSpec, type OpenSpecOptions } from '../open-spec.js';
import { WorkerExecutor } from './worker-executor.js';

export interface SearchOptions extends OpenSpecOptions {
  /** Start over: the old study directory is renamed aside and the stored study deleted. */
  newStudy?: boolean;
  /** Study directory instead of `<output_dir>/<name>-study/`. */
  studyDir?: string;
  /** Watches the study (the CLI's live table and leaderboard). */
  observer?: StudyObserver;
  /** Other processes will share the study (`--workers`): a storage of this process alone (memory) is refused. */
  shared?: boolean;
  /** Called once the study is open, before the first trial (see `StudyRunOptions.onOpen`), with the study directory. */
  onOpen?: (study: StudyInfo, studyDir: string) => void;
}

export interface SearchResult extends StudyRunResult {
  studyDir: string;
  file: string;
}

/** `text` with the password of every URL in it (`scheme://user:PASSWORD@host`, `?password=`) replaced by `***`. */
export function withoutUrlPasswords(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@'"]*):[^\s/?#'"]*@/gi, '$1:***@')
    .replace(/([?&]password=)[^&#\s'"]*/gi, '$1***');
}

/**
 * `hyperspec search`: opens and validates the spec (search space included), makes the storage,
 * searcher and pruner it names, and runs the study with one worker thread per parallel trial. The
 * storage's relative paths are relative to the study directory. Running it again resumes the study.
 */
export async function searchSpec(file: string, options: SearchOptions = {}): Promise<SearchResult> {
  const opened = await openSpec(file, options);
  const spec = opened.spec as unknown as ResolvedSpec;
  const search = spec.search;
  if (!search) {
    throw new HyperspecError('usage', `${opened.file} has no search: block, so there is nothing to search`, { hint: `hyperspec train ${file} trains it as it is` });
  }
  if (options.shared && search.storage.type === 'memory') {
    throw new HyperspecError('usage', `${opened.file}: --workers runs several processes on one study, but search.storage is memory, which lives inside one process`, {
      hint: 'use storage: { type: sqlite } (one machine) or { type: postgres } (many machines)',
    });
  }
  const studyDir = resolve(options.studyDir ?? studyDirFor(spec));
  const observer = options.observer ?? {};
  let archived: string | undefined;
  if (options.newStudy && existsSync(studyDir)) {
    // Refused while another process works on the study: it would lose its directory mid-trial.
    archived = DirectoryLock.moveAside(studyDir, { what: 'study directory', hint: 'wait for that search to finish, or stop it, before starting a new study' });
  }
  // A database file outside the study directory (an absolute storage.path) may hold the study for several
  // study directories: the study is then locked beside that file too, so --new-study (which deletes the
  // stored study) is refused while any process works on it, whichever directory it runs from.
  const dbFile = typeof search.storage.path === 'string' ? resolve(studyDir, search.storage.path) : undefined;
  const dbLockDir = dbFile && relative(studyDir, dbFile).startsWith('..') ? join(dirname(dbFile), '.hyperspec-studies', `${basename(dbFile)}--${spec.name}`) : undefined;
  const dbHint = 'wait for that search to finish, or stop it, before starting a new study';
  if (options.newStudy && dbLockDir) DirectoryLock.refuseIfUsed(dbLockDir, { what: `study "${spec.name}" in ${dbFile}`, hint: dbHint });
  makeDirectory(studyDir);
  // Shared: several search processes may work on one study together; --new-study needs it unused.
  const lock = DirectoryLock.acquire(studyDir, { mode: 'shared', what: 'study directory', command: 'hyperspec search' });
  let dbLock: DirectoryLock | undefined;
  try {
    dbLock = dbLockDir ? DirectoryLock.acquire(dbLockDir, { mode: 'shared', what: `study "${spec.name}" in ${dbFile}`, command: 'hyperspec search' }) : undefined;
  } catch (e) {
    lock.release();
    throw e;
  }
  const releaseLocks = () => {
    dbLock?.release();
    lock.release();
  };
  const { components } = opened;
  let storage: StudyStorage;
  try {
    storage = components.build<StudyStorage>('storage', search.storage, 'search.storage', { baseDir: studyDir });
  } catch (e) {
    releaseLocks();
    throw e;
  }
  try {
    const searcher = components.build<Searcher>('searcher', search.searcher, 'search.searcher', { baseDir: studyDir });
    const pruner = search.pruner ? components.build<Pruner>('pruner', search.pruner, 'search.pruner', { baseDir: studyDir }) : undefined;
    const where = typeof search.storage.path === 'string' ? ` ${relative(process.cwd(), resolve(studyDir, search.storage.path)) || '.'}` : '';
    const storageLabel = storage.label ?? `${search.storage.type} storage${where}`;
    const budget = search.trials ?? searcher.size?.(normalizeSpace(search.space)) ?? 'unlimited';
    observer.onStart?.({
      file: opened.file, name: spec.name, objective: search.objectives.map((x) => x.metric).join(' / '), searcher: search.searcher.type, budget, timeout: search.timeout,
      parallel: search.parallel, pruner: search.pruner?.type, storageLabel, studyDir, archived,
    });
    const executor = new WorkerExecutor(search.parallel, { plugins: opened.plugins.map((p) => p.dir), backend: options.backend ?? spec.backend });
    // The spec as written (kept as the study's spec.yaml), without the password of a URL in it (a shared storage's).
    const result = await runStudy({
      spec, baseDir: opened.baseDir, studyDir, storage, searcher, pruner, executor, newStudy: options.newStudy, observer, storageLabel,
      writtenSpec: withoutUrlPasswords(readFileSync(opened.file, 'utf8')), onOpen: options.onOpen && ((study) => options.onOpen!(study, studyDir)),
    });
    return { ...result, studyDir, file: opened.file };
  } finally {
    await storage.close?.();
    releaseLocks();
  }
}
