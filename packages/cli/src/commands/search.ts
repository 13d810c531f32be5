import { HyperspecError } from '@hyperspec/core';
import { writeReport } from '@hyperspec/report';
import { searchSpec, type SearchResult } from 'hyperspec';
import type { CliValues, CommandIo } from '../main.js';
import { StudyDisplay } from '../study-display.js';
import { startWorker, type WorkerProcess } from './search-workers.js';

function workerCount(value: CliValues[string]): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new HyperspecError('usage', `--workers must be a whole number from 1 to 256, got "${String(value)}"`);
  return n;
}

/**
 * `hyperspec search <spec>`: runs (or resumes) the spec's hyperparameter study. The live trial table,
 * leaderboard and best parameters go to stderr; one JSON line with the outcome goes to stdout.
 *
 * The process is one worker of the study: with a shared storage (SQLite on one machine, PostgreSQL on
 * many) any number of these commands share it until its budget is taken. `--workers K` starts K - 1
 * more on this machine once the study is open, and waits for them.
 */
export async function searchCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const file = args[0];
  if (!file) throw new HyperspecError('usage', 'search needs a spec file with a search: block: hyperspec search <spec.yaml>');
  const workers = workerCount(values.workers);
  const others: WorkerProcess[] = [];
  let result: SearchResult;
  try {
    result = await searchSpec(file, {
      plugins: values.plugin as string[] | undefined,
      backend: values.backend as string | undefined,
      newStudy: Boolean(values['new-study']),
      studyDir: values['study-dir'] as string | undefined,
      observer: values.quiet ? undefined : new StudyDisplay(io.stderr),
      shared: workers > 1,
      onOpen: (_study, studyDir) => {
        for (let i = 1; i < workers; i++) others.push(startWorker(file, values, studyDir));
      },
    });
  } catch (e) {
    for (const w of others) w.kill();
    await Promise.all(others.map((w) => w.done));
    throw e;
  }
  let code = 0;
  const ran = [result.ran];
  for (const [i, end] of (await Promise.all(others.map((w) => w.done))).entries()) {
    ran.push(end.ran ?? 0);
    if (end.code === 0) continue;
    code = Math.max(code, end.code ?? 2);
    io.stderr.write(`worker ${i + 2} (pid ${others[i].pid}) ended with ${end.code === null ? `signal ${end.signal}` : `exit code ${end.code}`}:\n${end.stderr.trim()}\n`);
  }
  const counts = { complete: 0, pruned: 0, failed: 0, running: 0 };
  for (const t of result.trials) counts[t.state]++;
  const best = result.best ? { trial: result.best.number, value: result.best.value, params: result.best.params } : null;
  const report = values.report ? (await writeReport(result.studyDir)).file : undefined;
  if (report) io.stderr.write(`report: ${report}\n`);
  const pareto = result.pareto?.map((e) => ({ trial: e.number, values: e.values, params: e.params }));
  io.stdout.write(
    JSON.stringify({
      study_dir: result.studyDir, trials: result.trials.length, ...counts, ran: result.ran, workers, ...(workers > 1 ? { ran_by_worker: ran } : {}),
      best, best_spec: result.files.bestSpec ?? null, ...(pareto ? { pareto, pareto_specs: result.files.paretoSpecs } : {}), ...(report ? { report } : {}),
    }) + '\n',
  );
  return code;
}
