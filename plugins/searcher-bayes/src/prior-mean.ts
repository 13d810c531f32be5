import { choleskyWithJitter, solveLower, solveLowerTransposed } from './linalg.js';

/** A parametric prior mean m(x) for the GP: the process models y − m(x). */
export interface PriorMean {
  /** m at row `row` of `points` (rows of `d` features). */
  value(points: Float64Array, row: number): number;
  /** m at `x`, adding ∂m/∂x into `grad`. */
  valueWithGradient(x: Float64Array, grad: Float64Array): number;
}

export type PriorMeanKind = 'zero' | 'linear' | 'quadratic';

/**
 * A separable quadratic m(x) = c + Σ b_j u_j + Σ a_j u_j², u = x − x̄ (x̄ the data's mean, not the
 * box centre, so the ridge penalty does not pull the bowl's bottom to the middle of the space),
 * fitted by ridge regression to the targets (the GP's explicit basis functions, Rasmussen & Williams
 * 2006 §2.7, with the coefficients at their penalised least-squares value instead of integrated out).
 * Curvatures are kept non-negative — a bowl or a slope, never a dome, whose extrapolation would send
 * the search to the box's corners — by dropping the negative ones and refitting.
 */
export class SeparableQuadraticMean implements PriorMean {
  private constructor(
    private readonly centre: Float64Array,
    private readonly c: number,
    private readonly b: Float64Array,
    private readonly a: Float64Array,
  ) {}

  static fit(x: Float64Array, y: Float64Array, n: number, d: number, kind: Exclude<PriorMeanKind, 'zero'>, ridge: number): SeparableQuadraticMean {
    const centre = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centre[j] += x[i * d + j] / n;
    const active = Array.from({ length: d }, () => kind === 'quadratic');
    for (;;) {
      // Columns: 1, u_j, then u_j² for the active curvatures.
      const quad = active.flatMap((on, j) => (on ? [j] : []));
      const p = 1 + d + quad.length;
      const feature = (i: number, k: number): number => {
        if (k === 0) return 1;
        if (k <= d) return x[i * d + k - 1] - centre[k - 1];
        const u = x[i * d + quad[k - 1 - d]] - centre[quad[k - 1 - d]];
        return u * u;
      };
      const ata = new Float64Array(p * p);
      const aty = new Float64Array(p);
      const row = new Float64Array(p);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < p; k++) row[k] = feature(i, k);
        for (let k = 0; k < p; k++) {
          aty[k] += row[k] * y[i];
          for (let m = 0; m <= k; m++) ata[k * p + m] += row[k] * row[m];
        }
      }
      for (let k = 0; k < p; k++) {
        for (let m = 0; m < k; m++) ata[m * p + k] = ata[k * p + m];
        if (k > 0) ata[k * p + k] += ridge;
      }
      const { l } = choleskyWithJitter(ata, p);
      const beta = solveLowerTransposed(l, p, solveLower(l, p, aty));
      const negative = quad.filter((_, q) => beta[1 + d + q] < 0);
      if (negative.length > 0) {
        for (const j of negative) active[j] = false;
        continue;
      }
      const a = new Float64Array(d);
      quad.forEach((j, q) => (a[j] = beta[1 + d + q]));
      return new SeparableQuadraticMean(centre, beta[0], beta.slice(1, 1 + d), a);
    }
  }

  value(points: Float64Array, row: number): number {
    const d = this.centre.length;
    let m = this.c;
    for (let j = 0; j < d; j++) {
      const u = points[row * d + j] - this.centre[j];
      m += u * (this.b[j] + this.a[j] * u);
    }
    return m;
  }

  valueWithGradient(x: Float64Array, grad: Float64Array): number {
    const d = this.centre.length;
    for (let j = 0; j < d; j++) grad[j] += this.b[j] + 2 * this.a[j] * (x[j] - this.centre[j]);
    return this.value(x, 0);
  }
}
