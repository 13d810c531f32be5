import { flattenSpec } from './hyperparameters.js';

export interface EvaluationView {
  /** Every number `evaluation.json` holds (its confusion matrix aside), by path. */
  metrics: { name: string; value: number }[];
  confusion?: { matrix: number[][]; labels: string[] };
}

const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number'));

/**
 * Reads what `hyperspec evaluate` wrote without depending on every detail of its layout: the confusion
 * matrix is `confusion_matrix` (a square array of counts, or `{ labels, matrix }`), class names come
 * from `labels`, `classes` or `class_names`; every other number is listed by its path.
 */
export function readEvaluation(evaluation: Record<string, unknown>): EvaluationView {
  const raw = evaluation.confusion_matrix;
  let confusion: EvaluationView['confusion'];
  const matrix = isMatrix(raw) ? raw : raw && typeof raw === 'object' && isMatrix((raw as { matrix?: unknown }).matrix) ? (raw as { matrix: number[][] }).matrix : undefined;
  if (matrix) {
    const named = [(raw as { labels?: unknown }).labels, evaluation.labels, evaluation.classes, evaluation.class_names].find((l) => Array.isArray(l) && l.length === matrix.length);
    confusion = { matrix, labels: named ? (named as unknown[]).map(String) : matrix.map((_, i) => String(i)) };
  }
  const metrics: EvaluationView['metrics'] = [];
  for (const [name, value] of flattenSpec(evaluation)) {
    if (name.startsWith('confusion_matrix')) continue;
    if (typeof value === 'number') metrics.push({ name, value });
  }
  return { metrics, confusion };
}
