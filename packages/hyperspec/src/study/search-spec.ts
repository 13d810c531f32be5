import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  HyperspecError, normalizeSpace, resolveComponent, runStudy, studyDirFor,
  type ComponentKind, type ComponentNode, type ComponentRegistry, type Logger, type Pruner, type ResolvedSpec, type Searcher,
  type StudyRunResult, type StudyStorage, type TableStream,
} from '@hyperspec/core';
import { openSpec, type OpenSpecOptions } from '../open-spec.js';
import { WorkerExecutor } from './worker-executor.js';

export interface SearchOptions extends OpenSpecOptions {
  /** Start over: the old study directory is renamed aside and the stored study deleted. */
  newStudy?: boolean;
  /** Study directory instead of `<output_dir>/<name>-study/`. */
  studyDir?: string;
  /** The live table and the leaderboard (stderr in the CLI); null for silence. */
  out?: TableStream | null;
}

export interface SearchResult extends StudyRunResult {
  studyDir: string;
  file: string;
}

function build<T>(registry: ComponentRegistry, logger: Logger, kind: ComponentKind, node: ComponentNode, path: string, baseDir: string): T {
  const { descriptor, options } = resolveComponent<T>(registry, kind, node, path);
  return descriptor.create(options, { path, registry, logger, baseDir }) as T;
}

/** `<dir>.<UTC timestamp>`: where `--new-study` moves an old study directory. */
function archiveName(dir: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  let target = `${dir}.${stamp}`;
  for (let i = 2; existsSync(target); i++) target = `${dir}.${stamp}-${i}`;
  return target;
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
  const studyDir = resolve(options.studyDir ?? studyDirFor(spec));
  const out = options.out === undefined ? process.stderr : options.out;
  if (options.newStudy && existsSync(studyDir)) {
    const archived = archiveName(studyDir);
    renameSync(studyDir, archived);
    out?.write(`--new-study: moved the old study directory to ${archived}\n`);
  }
  mkdirSync(studyDir, { recursive: true });
  const { registry, logger } = opened;
  const storage = build<StudyStorage>(registry, logger, 'storage', search.storage, 'search.storage', studyDir);
  try {
    const searcher = build<Searcher>(registry, logger, 'searcher', search.searcher, 'search.searcher', studyDir);
    const pruner = search.pruner ? build<Pruner>(registry, logger, 'pruner', search.pruner, 'search.pruner', studyDir) : undefined;
    const where = typeof search.storage.path === 'string' ? ` ${relative(process.cwd(), resolve(studyDir, search.storage.path)) || '.'}` : '';
    const storageLabel = `${search.storage.type} storage${where}`;
    const budget = search.trials ?? searcher.size?.(normalizeSpace(search.space)) ?? 'unlimited';
    out?.write(
      `${opened.file}: search "${spec.name}" — ${search.searcher.type} searcher, ${budget} trials${search.timeout ? ` or ${search.timeout} s` : ''}, ` +
        `${search.parallel} in parallel, ${search.pruner ? `${search.pruner.type} pruner, ` : ''}${storageLabel}\nstudy directory: ${studyDir}\n`,
    );
    const executor = new WorkerExecutor(search.parallel, { plugins: opened.plugins.map((p) => p.dir), backend: options.backend ?? spec.backend });
    const result = await runStudy({ spec, baseDir: opened.baseDir, studyDir, storage, searcher, pruner, executor, newStudy: options.newStudy, out, storageLabel });
    return { ...result, studyDir, file: opened.file };
  } finally {
    await storage.close?.();
  }
}
