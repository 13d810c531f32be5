// Max pooling of a ReLU's input, for training (core's reluMaxPool2d): the window maxima with their
// argmax and ReLU applied as they are stored, and the backward as one gated scatter. maxPool(relu(z))
// = relu(maxPool(z)) since ReLU is monotonic, so the full-size ReLU output is never written.

import { maxPool2x2 } from './conv';
import { zeroBytes } from './memory-ops';

/**
 * Planes p0..p1 of z [planes, h, w]: out = relu of the maxima of the 2×2 windows (stride 2),
 * argmax = the flat index into z of each maximum (the first in row-major order on ties: the test
 * "v > best" taken over the window in that order, as the plain max pooling kernel). ReLU as the unary
 * kernel computes it: v > 0 ? v : +0.
 */
export function reluMaxPool2x2(z: usize, out: usize, argmax: usize, h: i32, w: i32, outH: i32, outW: i32, p0: i32, p1: i32): void {
  maxPool2x2(z, p0, p1, h, w, outH, outW, out, argmax, true);
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
    const at = dz + (<usize>load<i32>(argmax + off) << 2);
    // Without a branch (the gate is a coin flip the predictor cannot learn): a gated window adds +0.
    const d = load<f32>(dy + off);
    store<f32>(at, load<f32>(at) + select<f32>(d, 0, load<f32>(out + off) > 0));
  }
}

/**
 * reluMaxPoolGrad for 2×2 windows with stride 2 (each element of z in at most one window): every
 * window's four elements of dz are written at once — dy, gated on the output, where the argmax is, 0
 * elsewhere — so there is no zeroing pass and no read back of dz. Rows and columns in no window (odd
 * sides) are zeroed. A gated value is dy + 0, as the scatter into zeros writes it (so −0 becomes +0).
 */
export function reluMaxPool2x2Grad(dy: usize, out: usize, argmax: usize, dz: usize, h: i32, w: i32, outH: i32, outW: i32, p0: i32, p1: i32): void {
  const zero = f32x4.splat(0);
  const lanes = i32x4(0, 2, 4, 6);
  let o: usize = <usize>p0 * <usize>outH * <usize>outW;
  for (let p = p0; p < p1; p++) {
    const plane = p * h * w;
    for (let oy = 0; oy < outH; oy++) {
      const rowIdx = plane + 2 * oy * w;
      const r0 = dz + (<usize>rowIdx << 2);
      const r1 = r0 + (<usize>w << 2);
      let ox = 0;
      for (; ox + 4 <= outW; ox += 4, o += 4) {
        const at = o << 2;
        const gv = f32x4.add(v128.and(v128.load(dy + at), f32x4.gt(v128.load(out + at), zero)), zero);
        const a = v128.load(argmax + at);
        const idx = i32x4.add(i32x4.splat(rowIdx + 2 * ox), lanes);
        const tl = v128.and(gv, i32x4.eq(a, idx));
        const tr = v128.and(gv, i32x4.eq(a, i32x4.add(idx, i32x4.splat(1))));
        const bl = v128.and(gv, i32x4.eq(a, i32x4.add(idx, i32x4.splat(w))));
        const br = v128.and(gv, i32x4.eq(a, i32x4.add(idx, i32x4.splat(w + 1))));
        const off = <usize>ox << 3;
        v128.store(r0 + off, v128.shuffle<f32>(tl, tr, 0, 4, 1, 5));
        v128.store(r0 + off, v128.shuffle<f32>(tl, tr, 2, 6, 3, 7), 16);
        v128.store(r1 + off, v128.shuffle<f32>(bl, br, 0, 4, 1, 5));
        v128.store(r1 + off, v128.shuffle<f32>(bl, br, 2, 6, 3, 7), 16);
      }
      for (; ox < outW; ox++, o++) {
        const at = o << 2;
        const d = load<f32>(dy + at);
        const gs: f32 = select<f32>(d, 0, load<f32>(out + at) > 0) + 0;
        const a = load<i32>(argmax + at);
        const idx = rowIdx + 2 * ox;
        const off = <usize>ox << 3;
        store<f32>(r0 + off, a == idx ? gs : 0);
        store<f32>(r0 + off, a == idx + 1 ? gs : 0, 4);
        store<f32>(r1 + off, a == idx + w ? gs : 0);
        store<f32>(r1 + off, a == idx + w + 1 ? gs : 0, 4);
      }
      // A column in no window (odd width).
      for (let x = 2 * outW; x < w; x++) {
        store<f32>(r0 + (<usize>x << 2), 0);
        store<f32>(r1 + (<usize>x << 2), 0);
      }
    }
    // A row in no window (odd height).
    if (2 * outH < h) zeroBytes(dz + (<usize>(plane + 2 * outH * w) << 2), <usize>((h - 2 * outH) * w) << 2);
  }
}
