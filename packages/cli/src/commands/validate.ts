import { HyperspecError } from '@hyperspec/core';
import { openSpec } from 'hyperspec';
import type { CliValues, CommandIo } from '../main.js';

/** `hyperspec validate <spec>`: parses, loads plugins and validates everything without running. */
export async function validateCommand(args: string[], values: CliValues, io: CommandIo): Promise<number> {
  const file = args[0];
  if (!file) throw new HyperspecError('usage', 'validate needs a spec file: hyperspec validate <spec.yaml>');
  const opened = await openSpec(file, { plugins: values.plugin as string[] | undefined });
  const space = (opened.spec.search as { space?: Record<string, unknown> } | undefined)?.space;
  const extra = space ? `, search space of ${Object.keys(space).length} parameters` : '';
  io.stdout.write(`${opened.file}: valid (model ${opened.spec.model.type}, optimizer ${opened.spec.train.optimizer.type}${extra})\n`);
  return 0;
}
