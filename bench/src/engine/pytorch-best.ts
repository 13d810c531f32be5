import type { TrainSummary } from './run-engine-bench.js';
import type { Summary } from './stats.js';
import { isPytorch } from './systems/pytorch-configs.js';

/** The fastest PyTorch row of a training table (lowest median epoch time), the baseline of its ratios. */
export function fastestPytorchRow(rows: Record<string, Pick<TrainSummary, 'seconds' | 'failed'>>): string | undefined {
  return Object.keys(rows)
    .filter((name) => isPytorch(name) && !rows[name].failed && Number.isFinite(rows[name].seconds.median))
    .sort((a, b) => rows[a].seconds.median - rows[b].seconds.median)[0];
}

/** The fastest PyTorch column of an sgemm row (highest median GFLOP/s). */
export function fastestPytorchColumn(row: Record<string, Summary>): string | undefined {
  return Object.keys(row).filter(isPytorch).sort((a, b) => row[b].median - row[a].median)[0];
}
