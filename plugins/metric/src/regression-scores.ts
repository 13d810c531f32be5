/**
 * Running sums of a regression over batches, per output column, enough for MAE, RMSE and R² without
 * keeping the samples (float64). Multi-output scores are the unweighted mean over outputs, as
 * scikit-learn's `multioutput='uniform_average'`.
 */
export class RegressionSums {
  private n = 0;
  private abs: Float64Array;
  private sq: Float64Array;
  private sumY: Float64Array;
  private sumY2: Float64Array;

  constructor(private outputs = 1) {
    this.abs = new Float64Array(outputs);
    this.sq = new Float64Array(outputs);
    this.sumY = new Float64Array(outputs);
    this.sumY2 = new Float64Array(outputs);
  }

  /** Adds `rows` samples; `predicted` and `actual` are row-major [rows, outputs]. */
  add(predicted: ArrayLike<number>, actual: ArrayLike<number>, rows: number): void {
    const k = predicted.length / Math.max(rows, 1);
    if (k !== this.outputs) this.reshape(k);
    for (let i = 0; i < rows * k; i++) {
      const c = i % k;
      const d = predicted[i] - actual[i];
      this.abs[c] += Math.abs(d);
      this.sq[c] += d * d;
      this.sumY[c] += actual[i];
      this.sumY2[c] += actual[i] * actual[i];
    }
    this.n += rows;
  }

  private reshape(k: number): void {
    if (this.n > 0) throw new Error(`regression metric: ${k} outputs after ${this.outputs}`);
    this.outputs = k;
    this.abs = new Float64Array(k);
    this.sq = new Float64Array(k);
    this.sumY = new Float64Array(k);
    this.sumY2 = new Float64Array(k);
  }

  private mean(f: (c: number) => number): number {
    if (this.n === 0) return NaN;
    let s = 0;
    for (let c = 0; c < this.outputs; c++) s += f(c);
    return s / this.outputs;
  }

  mae(): number {
    return this.mean((c) => this.abs[c] / this.n);
  }

  /** Root of each output's mean squared error, then averaged (scikit-learn's `squared=False`). */
  rmse(): number {
    return this.mean((c) => Math.sqrt(this.sq[c] / this.n));
  }

  /** 1 − SS_res / SS_tot; a constant target gives 1 if predicted exactly, else 0 (scikit-learn's force_finite). */
  r2(): number {
    return this.mean((c) => {
      const total = this.sumY2[c] - (this.sumY[c] * this.sumY[c]) / this.n;
      if (total <= 0) return this.sq[c] === 0 ? 1 : 0;
      return 1 - this.sq[c] / total;
    });
  }

  reset(): void {
    this.n = 0;
    this.abs.fill(0);
    this.sq.fill(0);
    this.sumY.fill(0);
    this.sumY2.fill(0);
  }
}
