import { HyperspecError } from '@hyperspec/core';
import { type ModelBundle } from '@hyperspec/core/bundle';
import { RegressionSums, classScores, confusionMatrix, logLoss, rocAuc } from '@hyperspec/metric';
import type { PredictionSet } from './loaded-model.js';

/** What `hyperspec evaluate` reports for a classifier (and writes to evaluation.json). */
export interface ClassificationEvaluation {
  task: 'classification';
  samples: number;
  accuracy: number;
  log_loss: number;
  /** Binary: AUC of labels[1]'s probability; more classes: one-vs-rest, macro-averaged; null when a class is absent. */
  roc_auc: number | null;
  macro: { precision: number; recall: number; f1: number };
  per_class: { label: string; precision: number; recall: number; f1: number; support: number }[];
  /** Rows are true classes, columns predicted classes, both in `labels` order. */
  confusion_matrix: { labels: string[]; matrix: number[][] };
}

export interface RegressionEvaluation {
  task: 'regression';
  samples: number;
  mae: number;
  rmse: number;
  r2: number;
}

export type Evaluation = ClassificationEvaluation | RegressionEvaluation;

/** True class indices (or values) from the targets an input held, checked against the bundle's labels. */
export function targetsOf(set: PredictionSet, bundle: ModelBundle, where: string): Float64Array {
  if (!set.targets) {
    const column = (bundle.preprocessing?.input as { target?: string } | undefined)?.target;
    throw new HyperspecError('data', `${where} has no true targets${column ? ` (no "${column}" column)` : ''}: evaluate compares predictions with them`, {
      hint: 'give data with the target (for IDX images, --labels FILE), or --split test to use the run\'s own test split',
    });
  }
  const at = (i: number) => set.sources?.[i] ?? `${where} row ${i + 1}`;
  if (bundle.labels) {
    const index = new Map(bundle.labels.map((l, k) => [l, k]));
    return Float64Array.from(set.targets, (t, i) => {
      if (t === '') throw new HyperspecError('data', `${at(i)}: the true target is missing`, { hint: 'evaluate needs the target of every row' });
      const k = index.get(t);
      if (k === undefined) throw new HyperspecError('data', `${at(i)}: the target "${t}" is not one of the model's classes ${JSON.stringify(bundle.labels)}`);
      return k;
    });
  }
  return Float64Array.from(set.targets, (t, i) => {
    const v = t.trim() === '' ? NaN : Number(t);
    if (!Number.isFinite(v)) throw new HyperspecError('data', `${at(i)}: the target "${t}" is not a number`);
    return v;
  });
}

/** The evaluation of predictions against true class indices (classification) or values (regression). */
export function evaluationOf(set: PredictionSet, truth: ArrayLike<number>, bundle: ModelBundle): Evaluation {
  const n = set.count;
  if (!bundle.labels) {
    const sums = new RegressionSums(set.width);
    sums.add(set.outputs, truth, n);
    return { task: 'regression', samples: n, mae: sums.mae(), rmse: sums.rmse(), r2: sums.r2() };
  }
  const labels = bundle.labels;
  const k = labels.length;
  const m = confusionMatrix(truth, set.classes!, k);
  const s = classScores(m, k);
  let correct = 0;
  for (let c = 0; c < k; c++) correct += m[c * k + c];
  const auc = rocAuc(set.outputs, truth, k);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return {
    task: 'classification',
    samples: n,
    accuracy: correct / n,
    log_loss: logLoss(set.outputs, truth, k),
    roc_auc: Number.isFinite(auc) ? auc : null,
    macro: { precision: mean(s.precision), recall: mean(s.recall), f1: mean(s.f1) },
    per_class: labels.map((label, c) => ({ label, precision: s.precision[c], recall: s.recall[c], f1: s.f1[c], support: s.support[c] })),
    confusion_matrix: { labels, matrix: labels.map((_, t) => Array.from(m.subarray(t * k, (t + 1) * k))) },
  };
}

const f = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));

/** The evaluation as a terminal table. */
export function formatEvaluation(e: Evaluation): string {
  if (e.task === 'regression') return `samples ${e.samples}\nMAE   ${f(e.mae)}\nRMSE  ${f(e.rmse)}\nR²    ${f(e.r2)}\n`;
  const width = Math.max(8, ...e.per_class.map((c) => c.label.length));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width) : c.padStart(9))).join(' ');
  const lines = [
    `samples ${e.samples}   accuracy ${f(e.accuracy)}   log loss ${f(e.log_loss)}   ROC AUC ${f(e.roc_auc)}${e.per_class.length > 2 ? ' (one-vs-rest, macro)' : ''}`,
    '',
    row(['class', 'precision', 'recall', 'f1', 'support']),
    ...e.per_class.map((c) => row([c.label, f(c.precision), f(c.recall), f(c.f1), String(c.support)])),
    row(['macro', f(e.macro.precision), f(e.macro.recall), f(e.macro.f1), String(e.samples)]),
    '',
    'confusion matrix (rows: true class, columns: predicted)',
    row(['', ...e.confusion_matrix.labels.map((l) => l.slice(0, 9))]),
    ...e.confusion_matrix.matrix.map((r, t) => row([e.confusion_matrix.labels[t], ...r.map(String)])),
  ];
  return lines.join('\n') + '\n';
}
