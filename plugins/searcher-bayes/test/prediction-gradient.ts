import { expect } from 'vitest';
import type { GaussianProcess } from '../src/gaussian-process.js';

/**
 * Checks the GP's analytic gradients of the posterior mean and variance at `p` against central
 * differences (step 1e-6) in every input: each analytic value within `tolerance(value)` of its difference.
 */
export function expectPredictionGradient(gp: GaussianProcess, p: Float64Array, tolerance: (analytic: number) => number): void {
  const d = p.length;
  const dm = new Float64Array(d);
  const dv = new Float64Array(d);
  gp.predictWithGradient(p, dm, dv);
  const h = 1e-6;
  for (let j = 0; j < d; j++) {
    const a = Float64Array.from(p);
    const b = Float64Array.from(p);
    a[j] += h;
    b[j] -= h;
    const [ma, va] = gp.predict(a);
    const [mb, vb] = gp.predict(b);
    expect(Math.abs(dm[j] - (ma - mb) / (2 * h))).toBeLessThan(tolerance(dm[j]));
    expect(Math.abs(dv[j] - (va - vb) / (2 * h))).toBeLessThan(tolerance(dv[j]));
  }
}
