import type { Metric } from '@hyperspec/core';
import { type Tensor } from '@hyperspec/core/tensor';
import { classProbabilities, predictedClasses } from './class-probabilities.js';
import { averagedScore, type Average } from './confusion.js';
import { rocAuc, topKAccuracy } from './ranking.js';

export interface ScoreOptions {
  average: Average;
  /** The positive class for `average: binary`. */
  positive_class: number;
  /** Name in the metrics table (default: the type, with `_<average>` unless macro). */
  name?: string;
}

/**
 * Precision, recall or F1 over an epoch, from the confusion matrix of predicted (arg-max) against true
 * classes, averaged as scikit-learn's `average` option.
 */
export class ClassScore implements Metric {
  readonly name: string;
  readonly higherIsBetter = true;
  private counts = new Map<number, number>();
  private classes = 2;

  constructor(private readonly score: 'precision' | 'recall' | 'f1', private readonly o: ScoreOptions) {
    this.name = o.name ?? (o.average === 'macro' ? score : `${score}_${o.average}`);
  }

  update(output: Tensor, target: Tensor): void {
    const predicted = predictedClasses(output);
    const cols = output.size / output.shape[0];
    this.classes = Math.max(this.classes, cols);
    for (let i = 0; i < predicted.length; i++) {
      const t = target.data[i];
      if (t + 1 > this.classes) this.classes = t + 1;
      // Keyed by (true, predicted), so the number of classes may grow as labels appear.
      const key = t * 65536 + predicted[i];
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  result(): number {
    const k = this.classes;
    const m = new Float64Array(k * k);
    for (const [key, n] of this.counts) m[Math.floor(key / 65536) * k + (key % 65536)] = n;
    return averagedScore(m, k, this.score, this.o.average, this.o.positive_class);
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Base for metrics that need every sample's class probabilities (AUC, top-k). */
abstract class ProbabilityMetric implements Metric {
  abstract readonly name: string;
  readonly higherIsBetter = true;
  protected probs: number[] = [];
  protected labels: number[] = [];
  protected classes = 0;

  update(output: Tensor, target: Tensor): void {
    const { probs, classes } = classProbabilities(output);
    this.classes = classes;
    for (let i = 0; i < probs.length; i++) this.probs.push(probs[i]);
    for (let i = 0; i < output.shape[0]; i++) this.labels.push(target.data[i]);
  }

  abstract result(): number;

  reset(): void {
    this.probs = [];
    this.labels = [];
  }
}

/** ROC AUC over an epoch: binary, or one-vs-rest averaged for several classes. */
export class RocAuc extends ProbabilityMetric {
  readonly name: string;

  constructor(private readonly o: { average: 'macro' | 'weighted'; name?: string }) {
    super();
    this.name = o.name ?? 'auc';
  }

  result(): number {
    return this.labels.length ? rocAuc(this.probs, this.labels, this.classes, this.o.average) : NaN;
  }
}

/** Fraction of samples whose true class is among the k most probable. */
export class TopKAccuracy extends ProbabilityMetric {
  readonly name: string;

  constructor(private readonly o: { k: number; name?: string }) {
    super();
    this.name = o.name ?? `top_${o.k}_accuracy`;
  }

  result(): number {
    return topKAccuracy(this.probs, this.labels, this.classes, this.o.k);
  }
}
