import { HyperspecError } from '@hyperspec/core';
import { exportModel } from 'hyperspec';
import { loadExtraPlugins } from '../extra-plugins.js';
import type { CliValues, CommandIo } from '../main.js';

/** `hyperspec export <run dir> --format onnx|tfjs --out PATH`: writes the model in another format. */
export async function exportCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const [runDir] = args;
  const format = values.format as string | undefined;
  const out = values.out as string | undefined;
  if (!runDir || !format || !out) throw new HyperspecError('usage', 'export needs a run directory, --format and --out: hyperspec export <run dir> --format onnx --out model.onnx');
  const files = await exportModel(runDir, { format, out, plugins: await loadExtraPlugins(values) });
  io.stdout.write(files.map((f) => `${f}\n`).join(''));
  return 0;
}
