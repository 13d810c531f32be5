import type { ReduceOp } from '@hyperspec/core/tensor';

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
