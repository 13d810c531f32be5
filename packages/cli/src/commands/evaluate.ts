import { join } from 'node:path';
import { HyperspecError } from '@hyperspec/core';
import { atomicWriteFile } from '@hyperspec/core/run';
import { evaluateOnFile, evaluateOnSplit, formatEvaluation, loadModel } from 'hyperspec';
import { loadExtraPlugins } from '../extra-plugins.js';
import type { CliValues, CommandIo } from '../main.js';

const SPLITS = ['test', 'validation', 'train'] as const;

/**
 * `hyperspec evaluate <run dir> [--data FILE [--labels FILE] | --split test|validation|train] [--out FILE]`:
 * scores the bundle's model, prints a table and writes evaluation.json (into the run directory unless
 * --out says otherwise). Without --data the run's test split is used.
 */
export async function evaluateCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const [runDir] = args;
  if (!runDir) throw new HyperspecError('usage', 'evaluate needs a run directory: hyperspec evaluate <run dir> [--data FILE | --split test]');
  const data = values.data as string | undefined;
  const split = values.split as string | undefined;
  if (data && split) throw new HyperspecError('usage', 'give --data or --split, not both');
  if (split && !(SPLITS as readonly string[]).includes(split)) throw new HyperspecError('usage', `--split must be one of ${SPLITS.join(', ')} (got "${split}")`);
  const model = await loadModel(runDir, { plugins: await loadExtraPlugins(values), backend: values.backend as string | undefined });
  try {
    const evaluation = data
      ? await evaluateOnFile(model, data, { labels: values.labels as string | undefined })
      : await evaluateOnSplit(model, (split ?? 'test') as (typeof SPLITS)[number]);
    const record = { run_dir: runDir, data: data ?? `split ${split ?? 'test'}`, parameters_epoch: model.bundle.parameters.epoch, ...evaluation };
    const out = (values.out as string | undefined) ?? join(runDir, 'evaluation.json');
    atomicWriteFile(out, JSON.stringify(record, null, 2) + '\n');
    io.stdout.write(formatEvaluation(evaluation));
    io.stderr.write(`evaluation written to ${out}\n`);
  } finally {
    model.dispose();
  }
  return 0;
}
