// A convolution's forward for inference, one image at a time: the image's patch matrix (im2col), the
// product with the weights (gemmBlock) straight into the image's NCHW output, then the bias and ReLU
// over that output while it is still in cache. The batched path of training (one im2col of the whole
// batch, one product, a bias pass and a ReLU pass over the whole output) moves the batch's patch
// matrix — 9× the input for a 3×3 kernel, tens of MB — through memory several times; here the patches
// of one image (a few hundred kB) stay in L2. Each step is the same arithmetic as the batched path
// (same blocking, same micro-kernel, same order of sums), so the outputs are the same.

import { im2col } from './conv';
import { gemmBlock } from './gemm';
import { madd } from './madd';
import { im2colPadded, paddedImageFloats, PADDED_SLACK } from './im2col-padded';
import { maxPool2x2Forward } from './pool-forward';

/**
 * Patches of at most this many values (c·kh·kw: a 3×3 kernel over one channel, the first layer of an
 * image model) skip the blocked product: with k this short, packing both operands and the
 * micro-kernel's per-block stores cost as much as the multiply-adds (the MNIST CNN's first layer ran
 * at a third of the second's GFLOP/s). productSmallPatch reads the patch rows as they are.
 */
const SMALL_PATCH: i32 = 16;

@inline function g(geom: usize, i: i32): i32 {
  return load<i32>(geom + (<usize>i << 2));
}

/**
 * out[b] = act(W · patches(x[b]) + bias) for images b0..b1 of an NCHW batch. `geom` is the
 * convolution's geometry (assembly/conv.ts) with n = 1 (one image); W is [outC × c·kh·kw] (the
 * weights [outC, c, kh, kw] as stored), bias outC floats (0: none), `relu` 1 for ReLU. `cols` is this
 * call's alone: c·kh·kw × outH·outW floats, PADDED_SLACK more, then (stride 1) room for the padded
 * image (paddedImageFloats + PADDED_SLACK, assembly/im2col-padded.ts); `scratch` is the thread's gemm scratch.
 * `packedW` (0: none) holds W packed whole by packWhole (a loaded model's weights, packed once): the
 * product then reads those panels instead of packing W again for every image.
 * With `pool`, the 2×2 stride-2 max pooling that follows the convolution in the model is applied
 * too: out[b] is then the pooled image [outC, ⌊outH/2⌋, ⌊outW/2⌋], and the convolution's output of
 * each image goes through `cols` (outC·outH·outW more floats after the padded image) while it is in
 * cache, instead of through memory and a second pass over the whole batch.
 */
export function convForwardImages(x: usize, geom: usize, w: usize, packedW: usize, bias: usize, out: usize, outC: i32, relu: bool, pool: bool,
  b0: i32, b1: i32, cols: usize, scratch: usize): void {
  const c = g(geom, 1), h = g(geom, 2), wd = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const positions = g(geom, 10) * g(geom, 11);
  const patch = c * kh * kw;
  const imageBytes = <usize>(c * h * wd) << 2;
  const outBytes = <usize>(outC * positions) << 2;
  const unitStride = g(geom, 6) == 1 && g(geom, 7) == 1;
  // The padded copy of the image (stride 1) follows the patch matrix and its slack.
  const padded = cols + (<usize>(patch * positions + PADDED_SLACK) << 2);
  const outH = g(geom, 10), outW = g(geom, 11);
  const pooledH = outH >> 1, pooledW = outW >> 1;
  const pooledBytes = <usize>(outC * pooledH * pooledW) << 2;
  const convOut = padded + (<usize>(unitStride ? paddedImageFloats(geom) + PADDED_SLACK : 0) << 2);
  for (let b = b0; b < b1; b++) {
    const y = pool ? convOut : out + <usize>b * outBytes;
    if (unitStride) im2colPadded(x + <usize>b * imageBytes, geom, cols, padded);
    else im2col(x + <usize>b * imageBytes, geom, cols, 0, 1);
    if (patch <= SMALL_PATCH) {
      productSmallPatch(w, cols, y, bias, outC, patch, positions, relu);
    } else {
      gemmBlock(w, cols, y, outC, patch, positions, false, false, 0, outC, 0, positions, scratch, 0, false, 0, 0, false, packedW, 0);
      if (bias != 0 || relu) biasRelu(y, bias, outC, positions, relu);
    }
    if (pool) maxPool2x2Forward(y, out + <usize>b * pooledBytes, outH, outW, pooledH, pooledW, 0, outC);
  }
}

/**
 * y[o, q] = act(Σ_r W[o, r]·cols[r, q] + bias[o]) for a short patch (k ≤ SMALL_PATCH), two output
 * channels by sixteen positions per register block (8 accumulators, 4 patch-row vectors, 2 weights).
 * Each output is the micro-kernel's sum in the same order (0, then one multiply-add per r, then the
 * bias, then ReLU), so the values equal the blocked path's. The last block of a row reads up to
 * three floats past the row (the caller's cols buffer has that slack) and stores only the valid lanes.
 */
function productSmallPatch(w: usize, cols: usize, y: usize, bias: usize, outC: i32, patch: i32, positions: i32, relu: bool): void {
  const rowBytes = <usize>positions << 2;
  const zero = f32x4.splat(0);
  for (let o = 0; o < outC; o += 2) {
    const pair = o + 1 < outC;
    const w0 = w + (<usize>(o * patch) << 2);
    const w1 = pair ? w0 + (<usize>patch << 2) : w0;
    const bias0 = f32x4.splat(bias != 0 ? load<f32>(bias + (<usize>o << 2)) : <f32>0);
    const bias1 = f32x4.splat(bias != 0 && pair ? load<f32>(bias + (<usize>(o + 1) << 2)) : <f32>0);
    const y0 = y + <usize>o * rowBytes;
    const y1 = y0 + rowBytes;
    let q = 0;
    for (; q + 16 <= positions; q += 16) {
      let c00 = zero, c01 = zero, c02 = zero, c03 = zero;
      let c10 = zero, c11 = zero, c12 = zero, c13 = zero;
      let src = cols + (<usize>q << 2);
      for (let r = 0; r < patch; r++, src += rowBytes) {
        const x0 = v128.load(src), x1 = v128.load(src, 16), x2 = v128.load(src, 32), x3 = v128.load(src, 48);
        const a0 = v128.load32_splat(w0 + (<usize>r << 2));
        const a1 = v128.load32_splat(w1 + (<usize>r << 2));
        c00 = madd(a0, x0, c00); c01 = madd(a0, x1, c01); c02 = madd(a0, x2, c02); c03 = madd(a0, x3, c03);
        c10 = madd(a1, x0, c10); c11 = madd(a1, x1, c11); c12 = madd(a1, x2, c12); c13 = madd(a1, x3, c13);
      }
      const at = <usize>q << 2;
      v128.store(y0 + at, finishVector(c00, bias0, relu)); v128.store(y0 + at, finishVector(c01, bias0, relu), 16);
      v128.store(y0 + at, finishVector(c02, bias0, relu), 32); v128.store(y0 + at, finishVector(c03, bias0, relu), 48);
      if (pair) {
        v128.store(y1 + at, finishVector(c10, bias1, relu)); v128.store(y1 + at, finishVector(c11, bias1, relu), 16);
        v128.store(y1 + at, finishVector(c12, bias1, relu), 32); v128.store(y1 + at, finishVector(c13, bias1, relu), 48);
      }
    }
    for (; q < positions; q += 4) {
      let c0 = zero, c1 = zero;
      let src = cols + (<usize>q << 2);
      for (let r = 0; r < patch; r++, src += rowBytes) {
        const x0 = v128.load(src);
        c0 = madd(v128.load32_splat(w0 + (<usize>r << 2)), x0, c0);
        c1 = madd(v128.load32_splat(w1 + (<usize>r << 2)), x0, c1);
      }
      c0 = finishVector(c0, bias0, relu);
      c1 = finishVector(c1, bias1, relu);
      const at = <usize>q << 2;
      if (q + 4 <= positions) {
        v128.store(y0 + at, c0);
        if (pair) v128.store(y1 + at, c1);
      } else {
        storeLanes(y0 + at, c0, positions - q);
        if (pair) storeLanes(y1 + at, c1, positions - q);
      }
    }
  }
}

/** + bias, then ReLU (x > 0 ? x : 0, NaN → 0), as biasRelu. */
@inline function finishVector(v: v128, bias: v128, relu: bool): v128 {
  const z = f32x4.add(v, bias);
  return relu ? v128.and(z, f32x4.gt(z, f32x4.splat(0))) : z;
}

/** The first `count` (1..3) lanes of v. */
@inline function storeLanes(at: usize, v: v128, count: i32): void {
  store<f32>(at, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(at, f32x4.extract_lane(v, 1), 4);
  if (count > 2) store<f32>(at, f32x4.extract_lane(v, 2), 8);
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
