import { ComponentsToken } from '@hyperspec/core';
import { composeSpecSchema } from '@hyperspec/core/spec';
import { atomicWriteFile } from '@hyperspec/core/run';
import { createDefaultContainer } from 'hyperspec';
import { loadExtraPlugins } from '../extra-plugins.js';
import type { CliValues, CommandIo } from '../main.js';

/** `hyperspec schema`: the composed JSON Schema of specs, for editors (yaml-language-server). */
export async function schemaCommand(values: CliValues, io: CommandIo): Promise<number> {
  const container = createDefaultContainer(await loadExtraPlugins(values));
  const schema = composeSpecSchema(container.get(ComponentsToken));
  const text = JSON.stringify(schema, null, 2) + '\n';
  if (typeof values.out === 'string') {
    atomicWriteFile(values.out, text);
    io.stderr.write(`wrote ${values.out}\n`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}
