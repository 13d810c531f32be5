export function transpose(x: Float32Array, shape: readonly number[], perm: readonly number[], out: Float32Array): void {
  const { shape: dims, perm: order } = collapseAxes(shape, perm);
  const rank = dims.length;
  if (rank <= 1) {
    out.set(x.subarray(0, out.length));
    return;
  }
  if (rank === 2) return transpose2d(x, 0, dims[0], dims[1], out, 0);
  // A batch of matrix transposes.
  if (rank === 3 && order[0] === 0 && order[1] === 2) {
    const plane = dims[1] * dims[2];
    for (let b = 0; b < dims[0]; b++) transpose2d(x, b * plane, dims[1], dims[2], out, b * plane);
    return;
  }
  // The two outer axes swapped, [a, b, inner] → [b, a, inner] (conv2d's channels-first ↔ NCHW
  // reorder): whole runs of `inner` values move.
  if (rank === 3 && order[0] === 1 && order[1] === 0) {
    const [a, b, inner] = dims;
    for (let i = 0; i < a; i++) {
      for (let j = 0; j < b; j++) out.set(x.subarray((i * b + j) * inner, (i * b + j + 1) * inner), (j * a + i) * inner);
    }
    return;
  }
  const inStrides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= dims[i];
  }
  const outShape = order.map((p) => dims[p]);
  const strides = order.map((p) => inStrides[p]);
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = x[src];
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]++;
      src += strides[d];
      if (idx[d] < outShape[d]) break;
      src -= strides[d] * outShape[d];
      idx[d] = 0;
    }
  }
}

/** Tile edge of the blocked 2-d transpose: a 32×32 tile of reads and writes stays in L1. */
const TILE = 32;

/** out[c×r] (at outOffset) = the transpose of x[r×c] (at offset), tile by tile. */
function transpose2d(x: Float32Array, offset: number, r: number, c: number, out: Float32Array, outOffset: number): void {
  for (let i0 = 0; i0 < r; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, r);
    for (let j0 = 0; j0 < c; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, c);
      for (let i = i0; i < i1; i++) {
        const row = offset + i * c;
        for (let j = j0; j < j1; j++) out[outOffset + j * r + i] = x[row + j];
      }
    }
  }
}

/**
 * Drops size-1 axes and merges axes that stay adjacent and in order under the permutation, so that
 * e.g. [n, c, h, w] by [0, 2, 3, 1] becomes [n, c, h·w] by [0, 2, 1].
 */
function collapseAxes(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  // Renumber the axes that are not 1 long, so axes around a dropped one count as adjacent.
  const live = shape.map((_, a) => a).filter((a) => shape[a] !== 1);
  const sizes = live.map((a) => shape[a]);
  const kept = perm.filter((a) => shape[a] !== 1).map((a) => live.indexOf(a));
  // Groups of input axes, in output order, each a run of consecutive input axes.
  const groups: number[][] = [];
  for (const a of kept) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] + 1 === a) last.push(a);
    else groups.push([a]);
  }
  // Number the groups by their position in the input.
  const byInput = groups.map((g, i) => [g[0], i]).sort((p, q) => p[0] - q[0]);
  const dims = new Array<number>(groups.length);
  const order = new Array<number>(groups.length);
  byInput.forEach(([, groupIndex], inputPos) => {
    dims[inputPos] = groups[groupIndex].reduce((n, a) => n * sizes[a], 1);
    order[groupIndex] = inputPos;
  });
  return { shape: dims, perm: order };
}
