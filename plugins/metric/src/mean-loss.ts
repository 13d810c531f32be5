import type { Metric } from '@hyperspec/core';
import type { Tensor } from '@hyperspec/core/tensor';

/** The sample-weighted mean of the loss over an epoch (what `loss` / `val_loss` report). */
export class MeanLoss implements Metric {
  readonly name = 'loss';
  readonly higherIsBetter = false;
  private sum = 0;
  private count = 0;

  update(output: Tensor, _target: Tensor, loss: number): void {
    const rows = output.shape[0];
    this.sum += loss * rows;
    this.count += rows;
  }

  result(): number {
    return this.count ? this.sum / this.count : NaN;
  }

  reset(): void {
    this.sum = 0;
    this.count = 0;
  }
}
