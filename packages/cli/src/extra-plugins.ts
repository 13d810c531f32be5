import { loadPlugin } from '@hyperspec/core';
import type { ContainerModule } from 'inversify';
import type { CliValues } from './main.js';

/** The modules of `--plugin` arguments (names or paths relative to the current directory). */
export async function loadExtraPlugins(values: CliValues): Promise<ContainerModule[]> {
  const modules: ContainerModule[] = [];
  for (const p of (values.plugin as string[] | undefined) ?? []) modules.push((await loadPlugin(p, process.cwd())).module);
  return modules;
}
