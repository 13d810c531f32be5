/**
 * A broadcast between operands reduced to as few axes as possible: axes of size 1 in the output are
 * dropped and neighbouring axes on which every operand is either broadcast or not are merged, so
 * [n, c, h, w] against [1, c, 1, 1] becomes [n, c, h·w] against strides [0, 1, 0].
 */
export interface BroadcastPlan {
  shape: number[];
  /** One stride array per operand, 0 on the axes it is broadcast along. */
  strides: number[][];
}

/** Plans the walk of `outShape` for operands whose shapes are right-aligned to its rank. */
export function planBroadcast(outShape: readonly number[], operands: readonly (readonly number[])[]): BroadcastPlan {
  const shape: number[] = [];
  const flags: boolean[][] = [];
  for (let d = 0; d < outShape.length; d++) {
    if (outShape[d] === 1) continue;
    const broadcast = operands.map((s) => s[d] === 1);
    const last = flags[flags.length - 1];
    if (last && last.every((f, k) => f === broadcast[k])) shape[shape.length - 1] *= outShape[d];
    else {
      shape.push(outShape[d]);
      flags.push(broadcast);
    }
  }
  const strides = operands.map((_, k) => {
    const s = new Array<number>(shape.length);
    let acc = 1;
    for (let g = shape.length - 1; g >= 0; g--) {
      s[g] = flags[g][k] ? 0 : acc;
      if (!flags[g][k]) acc *= shape[g];
    }
    return s;
  });
  return { shape, strides };
}

/**
 * Calls `row(offsets, count)` for every run of the innermost planned axis, in output order, with the
 * operands' start offsets; the per-element work stays in the caller's tight loop.
 */
export function forEachRow(plan: BroadcastPlan, row: (offsets: readonly number[], count: number) => void): void {
  const { shape, strides } = plan;
  const rank = shape.length;
  const offsets = strides.map(() => 0);
  if (rank === 0) {
    row(offsets, 1);
    return;
  }
  const inner = shape[rank - 1];
  let rows = 1;
  for (let d = 0; d < rank - 1; d++) rows *= shape[d];
  const idx = new Array<number>(rank).fill(0);
  for (let r = 0; r < rows; r++) {
    row(offsets, inner);
    // Odometer over the outer axes.
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      for (let k = 0; k < offsets.length; k++) offsets[k] += strides[k][d];
      if (idx[d] < shape[d]) break;
      for (let k = 0; k < offsets.length; k++) offsets[k] -= strides[k][d] * shape[d];
      idx[d] = 0;
    }
  }
}
