import { HyperspecError } from '@hyperspec/core';
import { formatStudySummary } from '@hyperspec/core/study';
import { copyStudies, inspectStudy } from 'hyperspec';
import type { CliValues, CommandIo } from '../main.js';

/** The URL workers share when none is given (the postgres storage reads the same variable). */
const STORAGE_URL_ENV = 'HYPERSPEC_STORAGE_URL';

/**
 * `hyperspec study <path | URL>`: best trials, counts by state and the parameter ranges tried, per stored
 * study; with no argument, the studies at $HYPERSPEC_STORAGE_URL. `hyperspec study copy FROM TO
 * [--study NAME]` copies studies between storages (SQLite files or directories, PostgreSQL URLs).
 */
export async function studyCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  if (args[0] === 'copy') {
    const [, from, to] = args;
    if (!from || !to) throw new HyperspecError('usage', 'study copy needs a source and a target: hyperspec study copy <FROM> <TO> [--study NAME] (a study directory, a .db file or a postgres:// URL each)');
    const result = await copyStudies(from, to, values.study as string | undefined);
    for (const c of result.copied) io.stderr.write(`copied study "${c.name}" (${c.trials} trials) from ${result.from} to ${result.to}\n`);
    io.stdout.write(JSON.stringify({ from: result.from, to: result.to, copied: result.copied }) + '\n');
    return 0;
  }
  const path = args[0] ?? process.env[STORAGE_URL_ENV];
  if (!path) throw new HyperspecError('usage', `study needs a study directory, a database file or a postgres:// URL (or ${STORAGE_URL_ENV} set): hyperspec study <dir | study.db | URL>`);
  const shown = args[0] === undefined ? `$${STORAGE_URL_ENV}` : path;
  const studies = await inspectStudy(path);
  if (values.json) {
    io.stdout.write(JSON.stringify(studies.map((s) => ({ source: s.source, ...s.summary })), null, 2) + '\n');
    return 0;
  }
  if (studies.length === 0) io.stdout.write(`${/^postgres/i.test(shown) ? 'the database' : shown}: the storage holds no study yet\n`);
  io.stdout.write(studies.map((s) => `${s.source}\n${formatStudySummary(s.summary)}`).join('\n'));
  return 0;
}
