import { dominates } from './pareto.js';

/** Points that dominate the reference point strictly in every objective (the others add no volume), deduplicated and non-dominated. */
function relevant(points: readonly ArrayLike<number>[], ref: ArrayLike<number>): number[][] {
  const inside = points.filter((p) => Array.prototype.every.call(p, (v: number, k: number) => v < ref[k])).map((p) => Array.from(p));
  const out: number[][] = [];
  for (let i = 0; i < inside.length; i++) {
    const p = inside[i];
    let keep = true;
    for (let j = 0; j < inside.length && keep; j++) {
      if (j === i) continue;
      const q = inside[j];
      if (dominates(q, p) || (j < i && q.every((v, k) => v === p[k]))) keep = false;
    }
    if (keep) out.push(p);
  }
  return out;
}

/** Two objectives: sort by the first and sum the rectangles of the staircase. O(N log N). */
function hv2(front: number[][], ref: ArrayLike<number>): number {
  const sorted = front.slice().sort((a, b) => a[0] - b[0]);
  let volume = 0;
  let prevY = ref[1];
  for (const [x, y] of sorted) {
    volume += (ref[0] - x) * (prevY - y);
    prevY = y;
  }
  return volume;
}

/**
 * WFG (L. While, L. Bradstreet and L. Barone, "A Fast Way of Calculating Exact Hypervolumes", IEEE TEC
 * 16(1), 2012): the volume is the sum of each point's exclusive volume — its box minus the volume of
 * the later points limited to that box.
 */
function wfg(front: number[][], ref: ArrayLike<number>): number {
  if (front.length === 0) return 0;
  if (ref.length === 2) return hv2(front, ref);
  // Sorting by the last objective keeps the limited sets small (the paper's ordering heuristic).
  const pts = front.slice().sort((a, b) => b[b.length - 1] - a[a.length - 1]);
  let volume = 0;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    let box = 1;
    for (let k = 0; k < p.length; k++) box *= ref[k] - p[k];
    const limited = pts.slice(i + 1).map((q) => q.map((v, k) => Math.max(v, p[k])));
    volume += box - wfg(relevant(limited, ref), ref);
  }
  return volume;
}

/**
 * The hypervolume of a set of loss vectors (every objective minimised) with respect to `reference`:
 * the volume of the region the points dominate and that dominates the reference point. Points not
 * strictly better than the reference in every objective add nothing.
 */
export function hypervolume(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): number {
  return wfg(relevant(points, reference), reference);
}

/**
 * Each point's exclusive contribution: the hypervolume lost when it alone is removed (0 for a
 * dominated or duplicated point).
 */
export function hypervolumeContributions(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): Float64Array {
  const total = hypervolume(points, reference);
  return Float64Array.from(points, (_, i) => Math.max(0, total - hypervolume(points.filter((_, j) => j !== i), reference)));
}
