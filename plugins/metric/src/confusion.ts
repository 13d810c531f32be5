/** Counts of (true class, predicted class) pairs: `matrix[t * k + p]`. */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, k: number): Float64Array {
  const m = new Float64Array(k * k);
  for (let i = 0; i < truth.length; i++) m[truth[i] * k + predicted[i]]++;
  return m;
}

/** Precision, recall, F1 and support of each class from a confusion matrix (0 where a ratio is 0/0, as scikit-learn). */
export interface ClassScores {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

export function classScores(m: ArrayLike<number>, k: number): ClassScores {
  const out: ClassScores = { precision: [], recall: [], f1: [], support: [] };
  for (let c = 0; c < k; c++) {
    let predicted = 0;
    let actual = 0;
    for (let j = 0; j < k; j++) {
      predicted += m[j * k + c];
      actual += m[c * k + j];
    }
    const tp = m[c * k + c];
    const p = ratio(tp, predicted);
    const r = ratio(tp, actual);
    out.precision.push(p);
    out.recall.push(r);
    out.f1.push(ratio(2 * tp, predicted + actual));
    out.support.push(actual);
  }
  return out;
}

/** How per-class scores are combined (scikit-learn's `average`). */
export type Average = 'macro' | 'micro' | 'weighted' | 'binary';

/**
 * One score from a confusion matrix: `macro` is the unweighted mean over classes, `weighted` weights by
 * support, `micro` counts every decision (for single-label data micro precision = recall = F1 = accuracy),
 * `binary` is the score of `positive` alone.
 */
export function averagedScore(m: ArrayLike<number>, k: number, score: 'precision' | 'recall' | 'f1', average: Average, positive = 1): number {
  if (average === 'micro') {
    let tp = 0;
    let total = 0;
    for (let c = 0; c < k; c++) tp += m[c * k + c];
    for (let i = 0; i < k * k; i++) total += m[i];
    return ratio(tp, total);
  }
  const s = classScores(m, k);
  const values = s[score];
  if (average === 'binary') return values[positive] ?? 0;
  if (average === 'weighted') {
    const n = s.support.reduce((a, b) => a + b, 0);
    return ratio(values.reduce((a, v, c) => a + v * s.support[c], 0), n);
  }
  return values.reduce((a, b) => a + b, 0) / k;
}
