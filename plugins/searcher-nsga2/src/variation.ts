import type { Rng } from '@hyperspec/core';

/**
 * Simulated binary crossover on [0, 1] (K. Deb and R. B. Agrawal, "Simulated Binary Crossover for
 * Continuous Search Space", Complex Systems 9, 1995), in the bounded form of Deb's NSGA-II code: the
 * spread factor's distribution is truncated so both children stay inside the bounds. `eta` is the
 * distribution index (larger: children closer to the parents). Returns the two children.
 */
export function sbx(y1: number, y2: number, eta: number, rng: Rng): [number, number] {
  if (Math.abs(y1 - y2) < 1e-14) return [y1, y2];
  const lo = Math.min(y1, y2);
  const hi = Math.max(y1, y2);
  const spreadTo = (room: number, u: number) => {
    const beta = 1 + (2 * room) / (hi - lo);
    const alpha = 2 - beta ** -(eta + 1);
    return u <= 1 / alpha ? (u * alpha) ** (1 / (eta + 1)) : (1 / (2 - u * alpha)) ** (1 / (eta + 1));
  };
  const u = rng.next();
  const c1 = 0.5 * (lo + hi - spreadTo(lo, u) * (hi - lo));
  const c2 = 0.5 * (lo + hi + spreadTo(1 - hi, u) * (hi - lo));
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  return rng.next() < 0.5 ? [clip(c2), clip(c1)] : [clip(c1), clip(c2)];
}

/**
 * Polynomial mutation on [0, 1] (K. Deb and M. Goyal, "A Combined Genetic Adaptive Search (GeneAS) for
 * Engineering Design", 1996), bounded as in Deb's NSGA-II code: the perturbation's distribution
 * shrinks toward the nearer bound. `eta` is the distribution index (larger: smaller steps).
 */
export function polynomialMutation(y: number, eta: number, rng: Rng): number {
  const u = rng.next();
  const power = 1 / (eta + 1);
  let dq: number;
  if (u <= 0.5) {
    const xy = 1 - y;
    dq = (2 * u + (1 - 2 * u) * xy ** (eta + 1)) ** power - 1;
  } else {
    const xy = y;
    dq = 1 - (2 * (1 - u) + 2 * (u - 0.5) * xy ** (eta + 1)) ** power;
  }
  return Math.min(1, Math.max(0, y + dq));
}
