import { HyperspecError } from '@hyperspec/core';
import { writeReport } from '@hyperspec/report';
import { searchSpec } from 'hyperspec';
import type { CliValues, CommandIo } from '../main.js';
import { StudyDisplay } from '../study-display.js';

/**
 * `hyperspec search <spec>`: runs (or resumes) the spec's hyperparameter study. The live trial table,
 * leaderboard and best parameters go to stderr; one JSON line with the outcome goes to stdout.
 */
export async function searchCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const file = args[0];
  if (!file) throw new HyperspecError('usage', 'search needs a spec file with a search: block: hyperspec search <spec.yaml>');
  const result = await searchSpec(file, {
    plugins: values.plugin as string[] | undefined,
    backend: values.backend as string | undefined,
    newStudy: Boolean(values['new-study']),
    studyDir: values['study-dir'] as string | undefined,
    observer: values.quiet ? undefined : new StudyDisplay(io.stderr),
  });
  const counts = { complete: 0, pruned: 0, failed: 0, running: 0 };
  for (const t of result.trials) counts[t.state]++;
  const best = result.best ? { trial: result.best.number, value: result.best.value, params: result.best.params } : null;
  const report = values.report ? (await writeReport(result.studyDir)).file : undefined;
  if (report) io.stderr.write(`report: ${report}\n`);
  const pareto = result.pareto?.map((e) => ({ trial: e.number, values: e.values, params: e.params }));
  io.stdout.write(
    JSON.stringify({
      study_dir: result.studyDir, trials: result.trials.length, ...counts, ran: result.ran, best, best_spec: result.files.bestSpec ?? null,
      ...(pareto ? { pareto, pareto_specs: result.files.paretoSpecs } : {}), ...(report ? { report } : {}),
    }) + '\n',
  );
  return 0;
}
