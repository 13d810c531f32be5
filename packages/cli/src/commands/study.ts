import { HyperspecError } from '@hyperspec/core';
import { parameterImportance } from '@hyperspec/core/search';
import { formatStudySummary, storedObjectives, studySpace } from '@hyperspec/core/study';
import { copyStudies, inspectStudy, readStudies, type StoredStudy } from 'hyperspec';
import type { CliValues, CommandIo } from '../main.js';

/** The URL workers share when none is given (the postgres storage reads the same variable). */
const STORAGE_URL_ENV = 'HYPERSPEC_STORAGE_URL';

/** Each parameter's share of the chosen objective's variance (fANOVA), as lines or JSON. */
function importanceOf(s: StoredStudy, objectiveArg: string | undefined): { objective: string; importance: { name: string; importance: number }[] } {
  const objectives = storedObjectives(s.study);
  const k = objectiveArg === undefined ? 0 : objectives.findIndex((o, i) => o.metric === objectiveArg || String(i + 1) === objectiveArg);
  if (k < 0) {
    throw new HyperspecError('usage', `--objective ${objectiveArg}: study "${s.study.name}" has the objectives ${objectives.map((o, i) => `${i + 1}: ${o.metric}`).join(', ')}`, { hint: 'name one of them, or give its number' });
  }
  return { objective: objectives[k].metric, importance: parameterImportance(s.trials, studySpace(s.study), { objective: k }) };
}

function formatImportance(r: ReturnType<typeof importanceOf>): string {
  if (r.importance.length === 0) return `importance of the parameters for ${r.objective}: too few complete trials (at least 2)\n`;
  const width = Math.max(...r.importance.map((p) => p.name.length));
  const lines = r.importance.map((p) => `  ${p.name.padEnd(width)}  ${p.importance.toFixed(4)}  ${'#'.repeat(Math.round(p.importance * 40))}`);
  return `importance of the parameters for ${r.objective} (fANOVA share of its variance):\n${lines.join('\n')}\n`;
}

/**
 * `hyperspec study <path | URL>`: best trials (or the Pareto front), counts by state and the parameter
 * ranges tried, per stored study; with no argument, the studies at $HYPERSPEC_STORAGE_URL.
 * `--importance` adds each parameter's importance for one objective (`--objective NAME|NUMBER`, default
 * the first). `hyperspec study copy FROM TO [--study NAME]` copies studies between storages (SQLite
 * files or directories, PostgreSQL URLs).
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
  const objectiveArg = values.objective as string | undefined;
  if (objectiveArg !== undefined && !values.importance) throw new HyperspecError('usage', '--objective chooses the objective of --importance; add --importance');
  if (values.importance) {
    const stored = await readStudies(path);
    const results = stored.map((s) => ({ source: s.source, name: s.study.name, ...importanceOf(s, objectiveArg) }));
    if (values.json) io.stdout.write(JSON.stringify(results, null, 2) + '\n');
    else io.stdout.write(results.map((r) => `${r.source}: study "${r.name}"\n${formatImportance(r)}`).join('\n'));
    return 0;
  }
  const studies = await inspectStudy(path);
  if (values.json) {
    io.stdout.write(JSON.stringify(studies.map((s) => ({ source: s.source, ...s.summary })), null, 2) + '\n');
    return 0;
  }
  if (studies.length === 0) io.stdout.write(`${/^postgres/i.test(shown) ? 'the database' : shown}: the storage holds no study yet\n`);
  io.stdout.write(studies.map((s) => `${s.source}\n${formatStudySummary(s.summary)}`).join('\n'));
  return 0;
}
