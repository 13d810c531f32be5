import { ComponentRegistryToken, Logger, Rng, createContainer, resolveComponent, type ComponentSpec, type DataSplits, type Dataset } from '@hyperspec/core';
import plugin from '@hyperspec/datasets-spam';

/** Builds a dataset the way a run does (options validated, defaults filled) and loads it. */
export function createDataset(spec: ComponentSpec, ctx: { seed?: number; baseDir?: string } = {}): Dataset {
  const container = createContainer([plugin]);
  const registry = container.get(ComponentRegistryToken);
  const { descriptor, options } = resolveComponent<Dataset>(registry, 'dataset', spec, 'data');
  return descriptor.create(options, { path: 'data', registry, logger: container.get(Logger), rng: new Rng(ctx.seed ?? 1), baseDir: ctx.baseDir });
}

export async function loadDataset(spec: ComponentSpec, ctx: { seed?: number; baseDir?: string } = {}): Promise<DataSplits> {
  return createDataset(spec, ctx).load();
}
