import { studentTCdf, studentTQuantile } from './student-t.js';

/** Mean with its 95 % confidence interval (Student's t), median and sample standard deviation. */
export interface Summary {
  mean: number;
  median: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  stderr: number;
  /** Half-width of the 95 % interval of the mean: t(0.975, n − 1) · sd / √n. */
  ci95: number;
  n: number;
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sorted = [...values].sort((a, b) => a - b);
  const median = n % 2 ? sorted[(n - 1) / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  const stderr = Math.sqrt(variance / n);
  return { mean, median, sd: Math.sqrt(variance), stderr, ci95: n > 1 ? studentTQuantile(0.975, n - 1) * stderr : NaN, n };
}

/** Welch's unequal-variances t-test of mean(a) − mean(b), with the 95 % interval of that difference. */
export interface WelchResult {
  difference: number;
  low: number;
  high: number;
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
}

export function welch(a: Summary, b: Summary): WelchResult {
  const va = a.sd ** 2 / a.n;
  const vb = b.sd ** 2 / b.n;
  const se = Math.sqrt(va + vb);
  const difference = a.mean - b.mean;
  // Welch–Satterthwaite degrees of freedom.
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  if (se === 0) return { difference, low: difference, high: difference, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: NaN, p: difference === 0 ? 1 : 0 };
  const t = difference / se;
  const half = studentTQuantile(0.975, df) * se;
  return { difference, low: difference - half, high: difference + half, t, df, p: 2 * (1 - studentTCdf(Math.abs(t), df)) };
}
