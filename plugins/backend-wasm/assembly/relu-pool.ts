// Max pooling of a ReLU's input, for training (core's reluMaxPool2d): the window maxima with their
// argmax and ReLU applied as they are stored, and the backward as one gated scatter. maxPool(relu(z))
// = relu(maxPool(z)) since ReLU is monotonic, so the full-size ReLU output is never written.

import { zeroBytes } from './memory-ops';

/**
 * Planes p0..p1 of z [planes, h, w]: out = relu of the maxima of the 2×2 windows (stride 2),
 * argmax = the flat index into z of each maximum (the first in row-major order on ties: the test
 * "v > best" taken over the window in that order, as the plain max pooling kernel). ReLU as the unary
 * kernel computes it: v > 0 ? v : +0.
 */
export function reluMaxPool2x2(z: usize, out: usize, argmax: usize, h: i32, w: i32, outH: i32, outW: i32, p0: i32, p1: i32): void {
  const zero = f32x4.splat(0);
  const lanes = i32x4(0, 2, 4, 6);
  let o: usize = <usize>p0 * <usize>outH * <usize>outW;
  for (let p = p0; p < p1; p++) {
    const plane = p * h * w;
    for (let oy = 0; oy < outH; oy++) {
      const rowIdx = plane + 2 * oy * w;
      const r0 = z + (<usize>rowIdx << 2);
      const r1 = r0 + (<usize>w << 2);
      let ox = 0;
      for (; ox + 4 <= outW; ox += 4, o += 4) {
        const off = <usize>ox << 3;
        const a0 = v128.load(r0 + off);
        const a1 = v128.load(r0 + off, 16);
        const b0 = v128.load(r1 + off);
        const b1 = v128.load(r1 + off, 16);
        const idx = i32x4.add(i32x4.splat(rowIdx + 2 * ox), lanes);
        let best = v128.shuffle<f32>(a0, a1, 0, 2, 4, 6);
        let bestIdx = idx;
        let v = v128.shuffle<f32>(a0, a1, 1, 3, 5, 7);
        let more = f32x4.gt(v, best);
        best = v128.bitselect(v, best, more);
        bestIdx = v128.bitselect(i32x4.add(idx, i32x4.splat(1)), bestIdx, more);
        v = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
        more = f32x4.gt(v, best);
        best = v128.bitselect(v, best, more);
        bestIdx = v128.bitselect(i32x4.add(idx, i32x4.splat(w)), bestIdx, more);
        v = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        more = f32x4.gt(v, best);
        best = v128.bitselect(v, best, more);
        bestIdx = v128.bitselect(i32x4.add(idx, i32x4.splat(w + 1)), bestIdx, more);
        v128.store(out + (o << 2), v128.and(best, f32x4.gt(best, zero)));
        v128.store(argmax + (o << 2), bestIdx);
      }
      for (; ox < outW; ox++, o++) {
        const idx = rowIdx + 2 * ox;
        const at = z + (<usize>idx << 2);
        let best = load<f32>(at);
        let bestIdx = idx;
        let v = load<f32>(at, 4);
        if (v > best) { best = v; bestIdx = idx + 1; }
        v = load<f32>(at + (<usize>w << 2));
        if (v > best) { best = v; bestIdx = idx + w; }
        v = load<f32>(at + (<usize>w << 2), 4);
        if (v > best) { best = v; bestIdx = idx + w + 1; }
        store<f32>(out + (o << 2), best > 0 ? best : 0);
        store<i32>(argmax + (o << 2), bestIdx);
      }
    }
  }
}

/**
 * Planes p0..p1 of dz (overwritten) = the sum of dy at argmax over the windows whose output `out`
 * is > 0 (any windows: each argmax points into its own plane, of `inPlane` floats; a plane of dy and
 * out holds `outPlane`). The ReLU's gate taken on the pooled output, in the scatter itself.
 */
export function reluMaxPoolGrad(dy: usize, out: usize, argmax: usize, dz: usize, outPlane: i32, inPlane: i32, p0: i32, p1: i32): void {
  zeroBytes(dz + ((<usize>p0 * <usize>inPlane) << 2), (<usize>(p1 - p0) * <usize>inPlane) << 2);
  for (let i = p0 * outPlane; i < p1 * outPlane; i++) {
    const off = <usize>i << 2;
    if (load<f32>(out + off) > 0) {
      const at = dz + (<usize>load<i32>(argmax + off) << 2);
      store<f32>(at, load<f32>(at) + load<f32>(dy + off));
    }
  }
}
