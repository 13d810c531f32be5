import type { Metric } from '@hyperspec/core';
import type { Tensor } from '@hyperspec/core/tensor';

/**
 * Fraction of samples classified correctly. With one output column the output is a logit and the
 * prediction is `logit > 0`; with several it is the arg-max column.
 */
export class Accuracy implements Metric {
  readonly name = 'accuracy';
  readonly higherIsBetter = true;
  private correct = 0;
  private total = 0;

  update(output: Tensor, target: Tensor): void {
    const rows = output.shape[0];
    const cols = output.size / rows;
    const o = output.data;
    for (let r = 0; r < rows; r++) {
      let predicted: number;
      if (cols === 1) {
        predicted = o[r] > 0 ? 1 : 0;
      } else {
        predicted = 0;
        let best = o[r * cols];
        for (let c = 1; c < cols; c++) {
          if (o[r * cols + c] > best) {
            best = o[r * cols + c];
            predicted = c;
          }
        }
      }
      if (predicted === target.data[r]) this.correct++;
    }
    this.total += rows;
  }

  result(): number {
    return this.total ? this.correct / this.total : 0;
  }

  reset(): void {
    this.correct = 0;
    this.total = 0;
  }
}
