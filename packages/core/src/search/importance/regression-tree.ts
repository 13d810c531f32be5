import type { Rng } from '../../util/rng.js';

/**
 * A leaf of a regression tree over the unit cube: the axis-aligned box of points that reach it and the
 * mean objective of the training points in it. fANOVA works on these boxes directly.
 */
export interface TreeLeaf {
  /** Lower bound per dimension (inclusive). */
  low: Float64Array;
  /** Upper bound per dimension (exclusive, 1 at the top of the cube). */
  high: Float64Array;
  value: number;
}

/** A split node: points with `x[dim] < threshold` go left. */
interface Split {
  dim: number;
  threshold: number;
  left: TreeNode;
  right: TreeNode;
}

type TreeNode = Split | { leaf: TreeLeaf };

export interface TreeOptions {
  /** Deepest split level. */
  maxDepth: number;
  /** Fewest points a node needs to be split. */
  minSamplesSplit: number;
  /** Dimensions tried at each split (all of them when ≥ the dimension count). */
  maxFeatures: number;
}

/**
 * A CART regression tree (Breiman et al. 1984): each node takes the split — over the candidate
 * dimensions, at midpoints between consecutive distinct values — that most reduces the squared error,
 * and stops when no split reduces it, the node is too small or too deep. Inputs lie in [0, 1]^d.
 */
export class RegressionTree {
  readonly leaves: TreeLeaf[] = [];
  private readonly root: TreeNode;

  constructor(x: readonly Float64Array[], y: readonly number[], rows: readonly number[], private readonly options: TreeOptions, rng: Rng) {
    const dims = x[0]?.length ?? 0;
    this.root = this.grow(x, y, [...rows], new Float64Array(dims), new Float64Array(dims).fill(1), 0, rng);
  }

  /** The prediction at `point` (the mean of the leaf it falls in). */
  predict(point: ArrayLike<number>): number {
    let node = this.root;
    while (!('leaf' in node)) node = point[node.dim] < node.threshold ? node.left : node.right;
    return node.leaf.value;
  }

  /** Every split threshold on dimension `dim`, sorted. */
  thresholds(dim: number): number[] {
    const out: number[] = [];
    const walk = (node: TreeNode): void => {
      if ('leaf' in node) return;
      if (node.dim === dim) out.push(node.threshold);
      walk(node.left);
      walk(node.right);
    };
    walk(this.root);
    return [...new Set(out)].sort((a, b) => a - b);
  }

  private makeLeaf(y: readonly number[], rows: number[], low: Float64Array, high: Float64Array): TreeNode {
    let sum = 0;
    for (const r of rows) sum += y[r];
    const leaf = { low, high, value: sum / rows.length };
    this.leaves.push(leaf);
    return { leaf };
  }

  private grow(x: readonly Float64Array[], y: readonly number[], rows: number[], low: Float64Array, high: Float64Array, depth: number, rng: Rng): TreeNode {
    if (rows.length < this.options.minSamplesSplit || depth >= this.options.maxDepth) return this.makeLeaf(y, rows, low, high);
    const best = this.bestSplit(x, y, rows, rng);
    if (!best) return this.makeLeaf(y, rows, low, high);
    const left = rows.filter((r) => x[r][best.dim] < best.threshold);
    const right = rows.filter((r) => x[r][best.dim] >= best.threshold);
    const leftHigh = high.slice();
    leftHigh[best.dim] = best.threshold;
    const rightLow = low.slice();
    rightLow[best.dim] = best.threshold;
    return {
      dim: best.dim,
      threshold: best.threshold,
      left: this.grow(x, y, left, low, leftHigh, depth + 1, rng),
      right: this.grow(x, y, right, rightLow, high, depth + 1, rng),
    };
  }

  /** The split with the lowest total squared error, or null when none improves on the node's own. */
  private bestSplit(x: readonly Float64Array[], y: readonly number[], rows: number[], rng: Rng): { dim: number; threshold: number } | null {
    const dims = x[0].length;
    const candidates = Array.from({ length: dims }, (_, d) => d);
    rng.shuffle(candidates);
    const tried = candidates.slice(0, Math.min(dims, this.options.maxFeatures));
    let total = 0;
    let totalSq = 0;
    for (const r of rows) {
      total += y[r];
      totalSq += y[r] * y[r];
    }
    const n = rows.length;
    let bestError = totalSq - (total * total) / n - 1e-12 * Math.max(1, Math.abs(totalSq));
    let best: { dim: number; threshold: number } | null = null;
    for (const dim of tried) {
      const sorted = [...rows].sort((a, b) => x[a][dim] - x[b][dim]);
      let leftSum = 0;
      let leftSq = 0;
      for (let i = 0; i < n - 1; i++) {
        const v = y[sorted[i]];
        leftSum += v;
        leftSq += v * v;
        const here = x[sorted[i]][dim];
        const next = x[sorted[i + 1]][dim];
        if (next <= here) continue;
        const nl = i + 1;
        const nr = n - nl;
        const rightSum = total - leftSum;
        const error = leftSq - (leftSum * leftSum) / nl + (totalSq - leftSq) - (rightSum * rightSum) / nr;
        if (error < bestError) {
          bestError = error;
          best = { dim, threshold: (here + next) / 2 };
        }
      }
    }
    return best;
  }
}
