/**
 * Pareto dominance on loss vectors (every objective minimised). Point a dominates b when it is no worse
 * in every objective and better in at least one.
 */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] > b[i]) return false;
    if (a[i] < b[i]) better = true;
  }
  return better;
}

/**
 * Constrained domination (K. Deb, A. Pratap, S. Agarwal and T. Meyarivan, "A Fast and Elitist
 * Multiobjective Genetic Algorithm: NSGA-II", IEEE TEC 6(2), 2002, §VI-A): a feasible point dominates
 * an infeasible one; of two infeasible points the one with the smaller total violation dominates; two
 * feasible points compare by Pareto dominance. `violation` is 0 for a feasible point.
 */
export function constrainedDominates(a: ArrayLike<number>, va: number, b: ArrayLike<number>, vb: number): boolean {
  if (va === 0 && vb === 0) return dominates(a, b);
  if (va === 0) return true;
  if (vb === 0) return false;
  return va < vb;
}

/**
 * Fast non-dominated sorting (Deb et al. 2002, §III-A): the indices of `points` split into fronts,
 * the first holding the points nothing dominates, the next those only the first dominates, and so on.
 * With `violations`, constrained domination is used, so feasible points fill the first fronts. Indices
 * within a front are in increasing order. O(M·N²).
 */
export function nonDominatedSort(points: readonly ArrayLike<number>[], violations?: ArrayLike<number>): number[][] {
  const n = points.length;
  const v = (i: number) => (violations ? violations[i] : 0);
  const dominatedBy: number[][] = Array.from({ length: n }, () => []);
  const count = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (constrainedDominates(points[i], v(i), points[j], v(j))) {
        dominatedBy[i].push(j);
        count[j]++;
      } else if (constrainedDominates(points[j], v(j), points[i], v(i))) {
        dominatedBy[j].push(i);
        count[i]++;
      }
    }
  }
  const fronts: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < n; i++) if (count[i] === 0) current.push(i);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const i of current) for (const j of dominatedBy[i]) if (--count[j] === 0) next.push(j);
    current = next.sort((a, b) => a - b);
  }
  return fronts;
}

/**
 * The indices of the points no other point dominates (the first front), in increasing order. Keeps an
 * archive of the non-dominated points seen so far: O(M·N·F) for a front of F points.
 */
export function paretoFront(points: readonly ArrayLike<number>[], violations?: ArrayLike<number>): number[] {
  const v = (i: number) => (violations ? violations[i] : 0);
  let archive: number[] = [];
  for (let i = 0; i < points.length; i++) {
    if (archive.some((j) => constrainedDominates(points[j], v(j), points[i], v(i)))) continue;
    archive = archive.filter((j) => !constrainedDominates(points[i], v(i), points[j], v(j)));
    archive.push(i);
  }
  return archive.sort((a, b) => a - b);
}

/**
 * Crowding distance of each point of one front (Deb et al. 2002, §III-B): per objective, the points
 * sorted, the two extremes infinite and each other point the gap between its neighbours over the
 * objective's range, summed over objectives. Larger means a less crowded region.
 */
export function crowdingDistance(points: readonly ArrayLike<number>[]): Float64Array {
  const n = points.length;
  const d = new Float64Array(n);
  if (n === 0) return d;
  const m = points[0].length;
  for (let k = 0; k < m; k++) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => points[a][k] - points[b][k] || a - b);
    const lo = points[order[0]][k];
    const hi = points[order[n - 1]][k];
    d[order[0]] = d[order[n - 1]] = Infinity;
    if (!(hi > lo)) continue;
    for (let r = 1; r < n - 1; r++) d[order[r]] += (points[order[r + 1]][k] - points[order[r - 1]][k]) / (hi - lo);
  }
  return d;
}
