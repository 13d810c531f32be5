import { Rng } from '../../util/rng.js';
import { RegressionTree, type TreeLeaf } from './regression-tree.js';

export interface FanovaOptions {
  /** Trees in the random forest (Optuna's default: 64). */
  trees?: number;
  /** Deepest split level of each tree (Optuna's default: 64). */
  maxDepth?: number;
  /** Fewest points a node needs to be split (default 2). */
  minSamplesSplit?: number;
  seed?: number;
}

/** Width of a leaf's box along every dimension except those in `skip`: its volume in the other dimensions. */
function volumeWithout(leaf: TreeLeaf, skip: readonly number[]): number {
  let v = 1;
  for (let d = 0; d < leaf.low.length; d++) if (!skip.includes(d)) v *= leaf.high[d] - leaf.low[d];
  return v;
}

/** True when position `u` of dimension `d` falls in the leaf's box (the cube's top face belongs to the top box). */
function inside(leaf: TreeLeaf, d: number, u: number): boolean {
  return u >= leaf.low[d] && (u < leaf.high[d] || (leaf.high[d] >= 1 && u >= 1));
}

/** Midpoints of the intervals that the sorted cut points divide [0, 1] into, with their widths. */
function intervals(cuts: readonly number[]): { mid: number; width: number }[] {
  const edges = [0, ...cuts, 1];
  const out: { mid: number; width: number }[] = [];
  for (let i = 0; i + 1 < edges.length; i++) if (edges[i + 1] > edges[i]) out.push({ mid: (edges[i] + edges[i + 1]) / 2, width: edges[i + 1] - edges[i] });
  return out;
}

/**
 * Functional ANOVA over a random forest — Hutter, Hoos & Leyton-Brown (2014), "An Efficient Approach
 * for Assessing Hyperparameter Importance", ICML — as Optuna's `FanovaImportanceEvaluator` does it.
 *
 * A forest of regression trees is fitted to (x, y) with x in the unit cube. Each tree is a piecewise
 * constant function over axis-aligned leaf boxes, so under the uniform distribution on the cube its
 * mean, its total variance and the variance of each dimension's marginal (the main effect: the tree
 * averaged over all other dimensions) are exact sums over leaves. A dimension's importance is the
 * fraction of a tree's variance its main effect explains, averaged over the trees with any variance,
 * then normalised to sum to 1 over the dimensions.
 */
export class Fanova {
  readonly trees: RegressionTree[] = [];

  constructor(readonly x: readonly Float64Array[], readonly y: readonly number[], options: FanovaOptions = {}) {
    if (x.length === 0) throw new Error('fANOVA needs at least one observation');
    const rng = new Rng(options.seed ?? 0);
    const count = options.trees ?? 64;
    const dims = x[0].length;
    for (let t = 0; t < count; t++) {
      // Bootstrap sample (bagging), as in a random forest.
      const rows = Array.from({ length: x.length }, () => rng.int(x.length));
      this.trees.push(new RegressionTree(x, y, rows, { maxDepth: options.maxDepth ?? 64, minSamplesSplit: options.minSamplesSplit ?? 2, maxFeatures: dims }, rng));
    }
  }

  /** The forest's prediction at a point (mean over trees). */
  predict(point: ArrayLike<number>): number {
    let s = 0;
    for (const t of this.trees) s += t.predict(point);
    return s / this.trees.length;
  }

  /** Each dimension's share of the variance explained by its main effect, summing to 1 (all 0 for a flat objective). */
  importances(): number[] {
    const dims = this.x[0].length;
    const sums = new Array<number>(dims).fill(0);
    let used = 0;
    for (const tree of this.trees) {
      const mean = tree.leaves.reduce((s, l) => s + volumeWithout(l, []) * l.value, 0);
      const total = tree.leaves.reduce((s, l) => s + volumeWithout(l, []) * (l.value - mean) ** 2, 0);
      if (!(total > 1e-12 * Math.max(1, mean * mean))) continue;
      used++;
      for (let d = 0; d < dims; d++) {
        let main = 0;
        for (const { mid, width } of intervals(tree.thresholds(d))) {
          let a = 0;
          for (const leaf of tree.leaves) if (inside(leaf, d, mid)) a += leaf.value * volumeWithout(leaf, [d]);
          main += width * (a - mean) ** 2;
        }
        sums[d] += main / total;
      }
    }
    if (used === 0) return sums;
    const shares = sums.map((s) => s / used);
    const norm = shares.reduce((a, b) => a + b, 0);
    return norm > 0 ? shares.map((s) => s / norm) : shares;
  }

  /**
   * The forest averaged over every dimension but `i` and `j` (their joint marginal), at each pair of
   * unit-cube positions: `out[a][b]` is the marginal at (xi[a], xj[b]).
   */
  marginal2d(i: number, j: number, xi: readonly number[], xj: readonly number[]): number[][] {
    const out = xi.map(() => new Array<number>(xj.length).fill(0));
    for (const tree of this.trees) {
      for (const leaf of tree.leaves) {
        const weight = leaf.value * volumeWithout(leaf, [i, j]) / this.trees.length;
        xi.forEach((u, a) => {
          if (!inside(leaf, i, u)) return;
          xj.forEach((v, b) => {
            if (inside(leaf, j, v)) out[a][b] += weight;
          });
        });
      }
    }
    return out;
  }
}
