import type { PredictionSet } from 'hyperspec';

export type OutputFormat = 'csv' | 'jsonl';

/** A CSV cell, quoted when it holds a delimiter, a quote or a line break (RFC 4180). */
function cell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A probability or value with float32's precision (9 significant digits), without trailing noise. */
function num(v: number): string {
  return String(Number(v.toPrecision(9)));
}

/**
 * Predictions as text, one row per sample in input order. CSV: `prediction` (the label) and one
 * `p_<label>` column per class, or `prediction` alone (regression; `prediction_<j>` for several outputs).
 * JSON lines: `{"prediction": label, "probabilities": {label: p}}`, or `{"prediction": value}`.
 */
export function formatPredictions(set: PredictionSet, labels: readonly string[] | undefined, format: OutputFormat): string {
  const rows: string[] = [];
  const values = (i: number) => Array.from(set.outputs.subarray(i * set.width, (i + 1) * set.width));
  if (format === 'csv') {
    if (labels) rows.push(['prediction', ...labels.map((l) => `p_${l}`)].map(cell).join(','));
    else rows.push(set.width === 1 ? 'prediction' : Array.from({ length: set.width }, (_, j) => `prediction_${j}`).join(','));
    for (let i = 0; i < set.count; i++) {
      const v = values(i).map(num);
      rows.push(labels ? [cell(labels[set.classes![i]]), ...v].join(',') : v.join(','));
    }
  } else {
    for (let i = 0; i < set.count; i++) {
      const v = values(i).map((x) => Number(num(x)));
      if (labels) rows.push(JSON.stringify({ prediction: labels[set.classes![i]], probabilities: Object.fromEntries(labels.map((l, k) => [l, v[k]])) }));
      else rows.push(JSON.stringify({ prediction: v.length === 1 ? v[0] : v }));
    }
  }
  return rows.join('\n') + '\n';
}
