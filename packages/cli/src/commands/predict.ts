import { extname } from 'node:path';
import { HyperspecError } from '@hyperspec/core';
import { atomicWriteFile } from '@hyperspec/core/run';
import { loadModel } from 'hyperspec';
import { loadExtraPlugins } from '../extra-plugins.js';
import type { CliValues, CommandIo } from '../main.js';
import { formatPredictions, type OutputFormat } from '../prediction-output.js';

/** The output format: --format, else the --out file's extension, else CSV. */
export function outputFormat(values: CliValues): OutputFormat {
  const format = values.format as string | undefined;
  if (format !== undefined) {
    if (format !== 'csv' && format !== 'jsonl') throw new HyperspecError('usage', `--format must be csv or jsonl for predict (got "${format}")`);
    return format;
  }
  const out = values.out as string | undefined;
  return out && /^\.(jsonl|ndjson)$/i.test(extname(out)) ? 'jsonl' : 'csv';
}

/**
 * `hyperspec predict <run dir> <input> [--out FILE] [--format csv|jsonl] [--labels FILE]`: reads the
 * input with the model's input reader, predicts every row in order, and writes the predictions to
 * standard output or atomically to --out (nothing is written when any row is refused).
 */
export async function predictCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const [runDir, input] = args;
  if (!runDir || !input) throw new HyperspecError('usage', 'predict needs a run directory and an input file: hyperspec predict <run dir> <input> [--out FILE]');
  const format = outputFormat(values);
  const model = await loadModel(runDir, { plugins: await loadExtraPlugins(values), backend: values.backend as string | undefined });
  try {
    const set = await model.predictFile(input, { labels: values.labels as string | undefined });
    const text = formatPredictions(set, model.labels, format);
    const out = values.out as string | undefined;
    if (out) {
      atomicWriteFile(out, text);
      io.stderr.write(`${set.count} predictions written to ${out}\n`);
    } else io.stdout.write(text);
  } finally {
    model.dispose();
  }
  return 0;
}
