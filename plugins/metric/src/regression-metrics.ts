import type { Metric } from '@hyperspec/core';
import { type Tensor } from '@hyperspec/core/tensor';
import { RegressionSums } from './regression-scores.js';

/** MAE, RMSE or R² of the outputs against the targets over an epoch. */
export class RegressionMetric implements Metric {
  readonly name: string;
  readonly higherIsBetter: boolean;
  private readonly sums = new RegressionSums();

  constructor(private readonly kind: 'mae' | 'rmse' | 'r2', name?: string) {
    this.name = name ?? kind;
    this.higherIsBetter = kind === 'r2';
  }

  update(output: Tensor, target: Tensor): void {
    this.sums.add(output.data, target.data, output.shape[0]);
  }

  result(): number {
    return this.sums[this.kind]();
  }

  reset(): void {
    this.sums.reset();
  }
}
