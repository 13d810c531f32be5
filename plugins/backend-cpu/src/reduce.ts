import type { ReduceOp } from '@hyperspec/core';

export function reduce(op: ReduceOp, x: Float32Array, outer: number, axisLen: number, inner: number, out: Float32Array): void {
  for (let o = 0; o < outer; o++) {
    const base = o * axisLen * inner;
    const ob = o * inner;
    if (op === 'sum') {
      for (let j = 0; j < inner; j++) out[ob + j] = 0;
      for (let k = 0; k < axisLen; k++) {
        const row = base + k * inner;
        for (let j = 0; j < inner; j++) out[ob + j] += x[row + j];
      }
    } else {
      for (let j = 0; j < inner; j++) out[ob + j] = -Infinity;
      for (let k = 0; k < axisLen; k++) {
        const row = base + k * inner;
        for (let j = 0; j < inner; j++) if (x[row + j] > out[ob + j]) out[ob + j] = x[row + j];
      }
    }
  }
}

export function transpose(x: Float32Array, shape: readonly number[], perm: readonly number[], out: Float32Array): void {
  const rank = shape.length;
  if (rank === 2 && perm[0] === 1) {
    const [r, c] = shape;
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j];
    return;
  }
  const inStrides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= shape[i];
  }
  const outShape = perm.map((p) => shape[p]);
  const strides = perm.map((p) => inStrides[p]);
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
