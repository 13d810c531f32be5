/**
 * Area under the ROC curve of scores for a binary labelling (1 = positive), by the Mann–Whitney U
 * statistic with tied scores given their average rank — the same number as integrating the ROC curve
 * with trapezoids (Hanley & McNeil 1982). NaN when one class is absent.
 */
export function binaryRocAuc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (positive[order[t]] === 1) { rankSum += rank; pos++; }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * ROC AUC of class probabilities `probs` ([n, k] row-major) against class indices: for two classes the
 * AUC of class 1's probability; for more, one-vs-rest per class averaged (`macro`) or weighted by
 * class frequency (`weighted`), as scikit-learn's `roc_auc_score(multi_class='ovr')`.
 */
export function rocAuc(probs: ArrayLike<number>, labels: ArrayLike<number>, k: number, average: 'macro' | 'weighted' = 'macro'): number {
  const n = labels.length;
  const column = (c: number) => Float64Array.from({ length: n }, (_, i) => probs[i * k + c]);
  const isClass = (c: number) => Float64Array.from({ length: n }, (_, i) => (labels[i] === c ? 1 : 0));
  if (k === 2) return binaryRocAuc(column(1), isClass(1));
  let sum = 0;
  let weight = 0;
  for (let c = 0; c < k; c++) {
    const w = average === 'weighted' ? isClass(c).reduce((a, b) => a + b, 0) : 1;
    sum += w * binaryRocAuc(column(c), isClass(c));
    weight += w;
  }
  return sum / weight;
}

/**
 * Fraction of samples whose true class is among the `k` highest of its scores (`scores` [n, classes]),
 * as scikit-learn's `top_k_accuracy_score`; a tie with the true class counts in its favour.
 */
export function topKAccuracy(scores: ArrayLike<number>, labels: ArrayLike<number>, classes: number, k: number): number {
  const n = labels.length;
  if (n === 0) return NaN;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const own = scores[i * classes + labels[i]];
    let above = 0;
    for (let c = 0; c < classes; c++) if (scores[i * classes + c] > own) above++;
    if (above < k) hits++;
  }
  return hits / n;
}

/** Mean negative log-probability of the true class, probabilities clipped to [eps, 1 − eps] as scikit-learn does. */
export function logLoss(probs: ArrayLike<number>, labels: ArrayLike<number>, k: number, eps = 2.220446049250313e-16): number {
  const n = labels.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    // scikit-learn clips, then renormalises each row.
    let rowSum = 0;
    for (let c = 0; c < k; c++) rowSum += Math.min(Math.max(probs[i * k + c], eps), 1 - eps);
    const p = Math.min(Math.max(probs[i * k + labels[i]], eps), 1 - eps) / rowSum;
    sum -= Math.log(p);
  }
  return sum / n;
}
