import { Rng, type ComponentSpec, type DataSplits, type Dataset } from '@hyperspec/core';
import { componentsOf } from '@hyperspec/core/testing';
import plugin from '@hyperspec/dataset-spam';

/** Builds a dataset the way a run does (options validated, defaults filled) and loads it. */
export function createDataset(spec: ComponentSpec, ctx: { seed?: number; baseDir?: string } = {}): Dataset {
  return componentsOf([plugin]).create<Dataset>('dataset', spec, 'data', { rng: new Rng(ctx.seed ?? 1), baseDir: ctx.baseDir });
}

export async function loadDataset(spec: ComponentSpec, ctx: { seed?: number; baseDir?: string } = {}): Promise<DataSplits> {
  return createDataset(spec, ctx).load();
}
