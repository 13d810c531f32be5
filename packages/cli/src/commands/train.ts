import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HyperspecError, runTraining } from '@hyperspec/core';
import { writeReport } from '@hyperspec/report';
import { openSpec } from 'hyperspec';
import type { CliValues, CommandIo } from '../main.js';
import { ProgressReporter } from '../progress-reporter.js';

/** `hyperspec train <spec>`: validates, prints the model summary, trains, writes the run directory. */
export async function trainCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const resume = values.resume as string | undefined;
  let file = args[0];
  if (!file && resume) file = join(resume, 'spec.resolved.yaml');
  if (!file) throw new HyperspecError('usage', 'train needs a spec file: hyperspec train <spec.yaml>');
  if (resume && !existsSync(join(resume, 'checkpoint.json'))) {
    throw new HyperspecError('usage', `cannot resume: ${resume} has no checkpoint.json (was it a run directory?)`);
  }
  const opened = await openSpec(file, { plugins: values.plugin as string[] | undefined, backend: values.backend as string | undefined });
  io.stderr.write(`${opened.file}: training "${opened.spec.name}" (seed ${opened.spec.seed}, backend ${opened.engine.backend.name})\n`);
  const result = await runTraining(
    opened.spec,
    opened.container,
    {
      baseDir: opened.baseDir,
      runDir: resume ?? (values['run-dir'] as string | undefined),
      resume: Boolean(resume),
      callbacks: values.quiet ? [] : [new ProgressReporter({ stream: io.stderr })],
      out: values.quiet ? null : io.stderr,
      writtenSpec: resume ? undefined : readFileSync(opened.file, 'utf8'),
    },
  );
  const report = values.report ? (await writeReport(result.runDir)).file : undefined;
  if (report) io.stderr.write(`report: ${report}\n`);
  io.stdout.write(JSON.stringify({ run_dir: result.runDir, epochs: result.history.length, stopped: result.stopped, ...result.final, ...(report ? { report } : {}) }) + '\n');
  return 0;
}
