import { HyperspecError } from '@hyperspec/core';
import { writeReport } from '@hyperspec/report';
import type { CliValues, CommandIo } from '../main.js';

/** `hyperspec report <dir | URL>`: writes the HTML report of a run or study (directory or PostgreSQL URL) and prints its path. */
export async function reportCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const dir = args[0];
  if (!dir) throw new HyperspecError('usage', 'report needs a run or study directory, or a postgres:// URL: hyperspec report <dir | URL> [--out FILE.html] [--study NAME]');
  const written = await writeReport(dir, { out: values.out as string | undefined, study: values.study as string | undefined });
  if (written.trialReports.length) io.stderr.write(`wrote ${written.trialReports.length} trial reports beside the trials' runs\n`);
  io.stdout.write(`report: ${written.file}\n`);
  return 0;
}
