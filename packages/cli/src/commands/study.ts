import { HyperspecError } from '@hyperspec/core';
import { formatStudySummary } from '@hyperspec/core/study';
import { inspectStudy } from 'hyperspec';
import type { CliValues, CommandIo } from '../main.js';

/** `hyperspec study <path>`: best trials, counts by state and the parameter ranges tried, per stored study. */
export async function studyCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const path = args[0];
  if (!path) throw new HyperspecError('usage', 'study needs a study directory or database: hyperspec study <dir | study.db>');
  const studies = await inspectStudy(path);
  if (values.json) {
    io.stdout.write(JSON.stringify(studies.map((s) => ({ source: s.source, ...s.summary })), null, 2) + '\n');
    return 0;
  }
  if (studies.length === 0) io.stdout.write(`${path}: the storage holds no study yet\n`);
  io.stdout.write(studies.map((s) => `${s.source}\n${formatStudySummary(s.summary)}`).join('\n'));
  return 0;
}
