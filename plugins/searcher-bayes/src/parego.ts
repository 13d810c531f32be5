import type { Rng } from '@hyperspec/core';

/**
 * A weight vector drawn uniformly from the simplex (sorted uniform spacings), as BoTorch's qParEGO
 * does (M. Balandat et al., "BoTorch", NeurIPS 2020) instead of ParEGO's fixed lattice.
 */
export function simplexWeights(m: number, rng: Rng): number[] {
  const cuts = [0, ...Array.from({ length: m - 1 }, () => rng.next()).sort((a, b) => a - b), 1];
  return Array.from({ length: m }, (_, i) => cuts[i + 1] - cuts[i]);
}

/**
 * ParEGO's scalarisation (J. Knowles, "ParEGO: A Hybrid Algorithm With On-Line Landscape Approximation
 * for Expensive Multiobjective Optimization Problems", IEEE TEC 10(1), 2006): each objective's losses
 * normalised to [0, 1] over the observed points, then the augmented Chebyshev function
 * max_i(λ_i f_i) + ρ Σ_i λ_i f_i with ρ = 0.05. A new λ per suggestion makes successive suggestions
 * aim at different parts of the Pareto front; minimising the scalar for any λ > 0 gives a
 * Pareto-optimal point.
 */
export function augmentedChebyshev(losses: readonly number[][], weights: readonly number[], rho = 0.05): Float64Array {
  const m = weights.length;
  const lo = Array.from({ length: m }, (_, k) => Math.min(...losses.map((l) => l[k])));
  const hi = Array.from({ length: m }, (_, k) => Math.max(...losses.map((l) => l[k])));
  return Float64Array.from(losses, (l) => {
    let max = -Infinity;
    let sum = 0;
    for (let k = 0; k < m; k++) {
      const f = hi[k] > lo[k] ? (l[k] - lo[k]) / (hi[k] - lo[k]) : 0;
      max = Math.max(max, weights[k] * f);
      sum += weights[k] * f;
    }
    return max + rho * sum;
  });
}
