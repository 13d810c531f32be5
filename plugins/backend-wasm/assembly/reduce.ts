// Reductions, row-wise softmax family and 2-d transpose.

import { REDUCE_MAX } from '../src/kernel-abi';
import { zeroBytes, copyBytes } from './memory-ops';

@inline function maxVec(acc: v128, x: v128): v128 {
  // x > acc ? x : acc, so NaN never wins (as the reference's `if (x > out) out = x`).
  return v128.bitselect(x, acc, f32x4.gt(x, acc));
}

/** Reduces the middle axis of x viewed as [outer, axisLen, inner]; op 0 = sum, 1 = max. */
export function reduce(op: i32, x: usize, outer: i32, axisLen: i32, inner: i32, out: usize): void {
  const isMax = op == REDUCE_MAX;
  for (let o = 0; o < outer; o++) {
    const base = x + ((<usize>o * <usize>axisLen * <usize>inner) << 2);
    const ob = out + ((<usize>o * <usize>inner) << 2);
    if (inner == 1) {
      // Contiguous row: four vector accumulators, combined at the end.
      let acc0 = f32x4.splat(isMax ? -Infinity : 0);
      let acc1 = acc0;
      let k = 0;
      for (; k + 8 <= axisLen; k += 8) {
        const v0 = v128.load(base + (<usize>k << 2));
        const v1 = v128.load(base + (<usize>k << 2), 16);
        if (isMax) {
          acc0 = maxVec(acc0, v0);
          acc1 = maxVec(acc1, v1);
        } else {
          acc0 = f32x4.add(acc0, v0);
          acc1 = f32x4.add(acc1, v1);
        }
      }
      let r: f32;
      if (isMax) {
        const m = maxVec(acc0, acc1);
        r = f32x4.extract_lane(m, 0);
        for (let l = 1; l < 4; l++) {
          const v = l == 1 ? f32x4.extract_lane(m, 1) : l == 2 ? f32x4.extract_lane(m, 2) : f32x4.extract_lane(m, 3);
          if (v > r) r = v;
        }
        for (; k < axisLen; k++) {
          const v = load<f32>(base + (<usize>k << 2));
          if (v > r) r = v;
        }
      } else {
        const s = f32x4.add(acc0, acc1);
        r = (f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1)) + (f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3));
        for (; k < axisLen; k++) r += load<f32>(base + (<usize>k << 2));
      }
      store<f32>(ob, r);
      continue;
    }
    // Strided: accumulate whole rows of `inner` values (same order as the reference).
    copyBytes(ob, base, <usize>inner << 2);
    for (let k = 1; k < axisLen; k++) {
      const row = base + ((<usize>k * <usize>inner) << 2);
      let j = 0;
      for (; j + 4 <= inner; j += 4) {
        const off = <usize>j << 2;
        const v = v128.load(row + off);
        const a = v128.load(ob + off);
        v128.store(ob + off, isMax ? maxVec(a, v) : f32x4.add(a, v));
      }
      for (; j < inner; j++) {
        const off = <usize>j << 2;
        const v = load<f32>(row + off);
        const a = load<f32>(ob + off);
        store<f32>(ob + off, isMax ? (v > a ? v : a) : a + v);
      }
    }
    if (axisLen == 0) zeroBytes(ob, <usize>inner << 2);
  }
}

@inline function rowMax(x: usize, cols: i32): f64 {
  let m: f64 = -Infinity;
  for (let c = 0; c < cols; c++) {
    const v = <f64>load<f32>(x + (<usize>c << 2));
    if (v > m) m = v;
  }
  return m;
}

/** Row-wise softmax over [rows, cols], in f64 like the reference. */
export function softmax(x: usize, rows: i32, cols: i32, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + ((<usize>r * <usize>cols) << 2);
    const or = out + ((<usize>r * <usize>cols) << 2);
    const m = rowMax(xr, cols);
    let s: f64 = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp(<f64>load<f32>(xr + (<usize>c << 2)) - m);
      store<f32>(or + (<usize>c << 2), <f32>e);
      s += e;
    }
    const inv = 1 / s;
    for (let c = 0; c < cols; c++) store<f32>(or + (<usize>c << 2), <f32>(<f64>load<f32>(or + (<usize>c << 2)) * inv));
  }
}

export function logSoftmax(x: usize, rows: i32, cols: i32, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + ((<usize>r * <usize>cols) << 2);
    const or = out + ((<usize>r * <usize>cols) << 2);
    const m = rowMax(xr, cols);
    let s: f64 = 0;
    for (let c = 0; c < cols; c++) s += Math.exp(<f64>load<f32>(xr + (<usize>c << 2)) - m);
    const lse = m + Math.log(s);
    for (let c = 0; c < cols; c++) store<f32>(or + (<usize>c << 2), <f32>(<f64>load<f32>(xr + (<usize>c << 2)) - lse));
  }
}

/** loss[r] = −log softmax(logits_r)[label_r]; probs receives the softmax. */
export function softmaxCrossEntropy(logits: usize, labels: usize, rows: i32, cols: i32, loss: usize, probs: usize): void {
  softmax(logits, rows, cols, probs);
  for (let r = 0; r < rows; r++) {
    const xr = logits + ((<usize>r * <usize>cols) << 2);
    const m = rowMax(xr, cols);
    let s: f64 = 0;
    for (let c = 0; c < cols; c++) s += Math.exp(<f64>load<f32>(xr + (<usize>c << 2)) - m);
    const label = <i32>load<f32>(labels + (<usize>r << 2));
    store<f32>(loss + (<usize>r << 2), <f32>(m + Math.log(s) - <f64>load<f32>(xr + (<usize>label << 2))));
  }
}

/**
 * out = x with the last two axes swapped, for x [batch, rows, cols] (perm [0, 2, 1]; batch 1 is the
 * plain 2-d transpose). 32×32 tiles keep both sides in cache; inside a tile, 4×4 blocks are
 * transposed in registers with shuffles, and ragged edges are copied one value at a time.
 */
export function transposeLast2(x: usize, batch: i32, rows: i32, cols: i32, out: usize): void {
  const T = 32;
  const plane = <usize>rows * <usize>cols;
  const inRow = <usize>cols << 2;
  const outRow = <usize>rows << 2;
  for (let b = 0; b < batch; b++) {
    const xb = x + ((<usize>b * plane) << 2);
    const ob = out + ((<usize>b * plane) << 2);
    for (let i0 = 0; i0 < rows; i0 += T) {
      const i1 = i0 + T < rows ? i0 + T : rows;
      for (let j0 = 0; j0 < cols; j0 += T) {
        const j1 = j0 + T < cols ? j0 + T : cols;
        let i = i0;
        for (; i + 4 <= i1; i += 4) {
          let j = j0;
          for (; j + 4 <= j1; j += 4) {
            const src = xb + ((<usize>i * <usize>cols + <usize>j) << 2);
            const r0 = v128.load(src), r1 = v128.load(src + inRow), r2 = v128.load(src + 2 * inRow), r3 = v128.load(src + 3 * inRow);
            const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
            const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
            const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
            const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
            const dst = ob + ((<usize>j * <usize>rows + <usize>i) << 2);
            v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
            v128.store(dst + outRow, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
            v128.store(dst + 2 * outRow, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
            v128.store(dst + 3 * outRow, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
          }
          for (; j < j1; j++) {
            for (let ii = i; ii < i + 4; ii++) {
              store<f32>(ob + ((<usize>j * <usize>rows + <usize>ii) << 2), load<f32>(xb + ((<usize>ii * <usize>cols + <usize>j) << 2)));
            }
          }
        }
        for (; i < i1; i++) {
          for (let j = j0; j < j1; j++) {
            store<f32>(ob + ((<usize>j * <usize>rows + <usize>i) << 2), load<f32>(xb + ((<usize>i * <usize>cols + <usize>j) << 2)));
          }
        }
      }
    }
  }
}
