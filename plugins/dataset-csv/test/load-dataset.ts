import { Rng, type ComponentSpec, type DataSplits, type Dataset } from '@hyperspec/core';
import { componentsOf } from '@hyperspec/core/testing';
import plugin from '@hyperspec/dataset-csv';

/** Builds a dataset the way a run does (options validated, defaults filled) and loads it. */
export function createDataset(spec: ComponentSpec, ctx: { seed?: number; baseDir?: string } = {}): Dataset {
  return componentsOf([plugin]).create<Dataset>('dataset', spec, 'data', { rng: new Rng(ctx.seed ?? 1), baseDir: ctx.baseDir });
}

export async function loadDataset(spec: ComponentSpec, ctx: { seed?: number; baseDir?: string } = {}): Promise<DataSplits> {
  return createDataset(spec, ctx).load();
}

/** Per-column mean and population std of a row-major matrix. */
export function columnStats(x: Float32Array, width: number): { mean: number[]; std: number[] } {
  const n = x.length / width;
  const mean = Array.from({ length: width }, (_, j) => { let s = 0; for (let r = 0; r < n; r++) s += x[r * width + j]; return s / n; });
  const std = mean.map((m, j) => { let s = 0; for (let r = 0; r < n; r++) s += (x[r * width + j] - m) ** 2; return Math.sqrt(s / n); });
  return { mean, std };
}
