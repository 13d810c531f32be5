// A convolution's forward for inference, one image at a time: the image's patch matrix (im2col), the
// product with the weights (gemmBlock) straight into the image's NCHW output, then the bias and ReLU
// over that output while it is still in cache. The batched path of training (one im2col of the whole
// batch, one product, a bias pass and a ReLU pass over the whole output) moves the batch's patch
// matrix — 9× the input for a 3×3 kernel, tens of MB — through memory several times; here the patches
// of one image (a few hundred kB) stay in L2. Each step is the same arithmetic as the batched path
// (same blocking, same micro-kernel, same order of sums), so the outputs are the same.

import { im2col } from './conv';
import { gemmBlock } from './gemm';

@inline function g(geom: usize, i: i32): i32 {
  return load<i32>(geom + (<usize>i << 2));
}

/**
 * out[b] = act(W · patches(x[b]) + bias) for images b0..b1 of an NCHW batch. `geom` is the
 * convolution's geometry (assembly/conv.ts) with n = 1 (one image); W is [outC × c·kh·kw] (the
 * weights [outC, c, kh, kw] as stored), bias outC floats (0: none), `relu` 1 for ReLU. `cols` holds
 * c·kh·kw × outH·outW floats for this call alone; `scratch` is the thread's gemm scratch.
 */
export function convForwardImages(x: usize, geom: usize, w: usize, bias: usize, out: usize, outC: i32, relu: bool,
  b0: i32, b1: i32, cols: usize, scratch: usize): void {
  const c = g(geom, 1), h = g(geom, 2), wd = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const positions = g(geom, 10) * g(geom, 11);
  const patch = c * kh * kw;
  const imageBytes = <usize>(c * h * wd) << 2;
  const outBytes = <usize>(outC * positions) << 2;
  for (let b = b0; b < b1; b++) {
    const y = out + <usize>b * outBytes;
    im2col(x + <usize>b * imageBytes, geom, cols, 0, 1);
    gemmBlock(w, cols, y, outC, patch, positions, false, false, 0, outC, 0, positions, scratch, 0, false, 0, 0, false, 0, 0);
    if (bias != 0 || relu) biasRelu(y, bias, outC, positions, relu);
  }
}

/** y[o, :] = act(y[o, :] + bias[o]) over `rows` rows of `len` floats: the batched path's bias add, then ReLU. */
function biasRelu(y: usize, bias: usize, rows: i32, len: i32, relu: bool): void {
  const zero = f32x4.splat(0);
  for (let o = 0; o < rows; o++) {
    const row = y + (<usize>(o * len) << 2);
    const b = bias != 0 ? load<f32>(bias + (<usize>o << 2)) : <f32>0;
    const bv = f32x4.splat(b);
    let i = 0;
    for (; i + 4 <= len; i += 4) {
      const at = row + (<usize>i << 2);
      let v = f32x4.add(v128.load(at), bv);
      // x > 0 ? x : 0 (NaN → 0), as the ReLU kernel.
      if (relu) v = v128.and(v, f32x4.gt(v, zero));
      v128.store(at, v);
    }
    for (; i < len; i++) {
      const at = row + (<usize>i << 2);
      const v = load<f32>(at) + b;
      store<f32>(at, relu ? (v > 0 ? v : 0) : v);
    }
  }
}
