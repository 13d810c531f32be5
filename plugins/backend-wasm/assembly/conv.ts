// im2col / col2im and pooling over NCHW images. Geometry arrives as a block of 12 i32 values in
// memory (n, c, h, w, kh, kw, strideH, strideW, padTop, padLeft, outH, outW) to keep signatures short.

import { zeroBytes } from './memory-ops';

@inline function g(geom: usize, i: i32): i32 {
  return load<i32>(geom + (<usize>i << 2));
}

/**
 * Copies `len` floats from src to dst (both byte addresses), four at a time; the runs here are rows
 * of an image, 5 to 30 floats, too short for a memory.copy call to pay off. A ragged end is one more
 * vector ending at the last float, overlapping the one before (copying the same values twice).
 */
@inline function copyRun(dst: usize, src: usize, len: i32): void {
  if (len < 4) {
    for (let i = 0; i < len; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
    return;
  }
  let i = 0;
  for (; i + 4 <= len; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  if (i < len) {
    const last = <usize>(len - 4) << 2;
    v128.store(dst + last, v128.load(src + last));
  }
}

/**
 * dst[i] += src[i] for `len` floats. (A ragged end stays scalar: an overlapping vector would load
 * what the previous vector store just wrote, a store-forwarding stall that measured slower.)
 */
@inline function addRun(dst: usize, src: usize, len: i32): void {
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const at = dst + (<usize>i << 2);
    v128.store(at, f32x4.add(v128.load(at), v128.load(src + (<usize>i << 2))));
  }
  for (; i < len; i++) {
    const at = dst + (<usize>i << 2);
    store<f32>(at, load<f32>(at) + load<f32>(src + (<usize>i << 2)));
  }
}

/** First output column ox whose input column ox·sw + x0 is ≥ 0. */
@inline function firstInside(x0: i32, sw: i32): i32 {
  return x0 >= 0 ? 0 : (-x0 + sw - 1) / sw;
}

/** One past the last output column whose input column is < w (at least `from`). */
@inline function endInside(x0: i32, sw: i32, w: i32, outW: i32, from: i32): i32 {
  const end = w - x0 <= 0 ? 0 : (w - x0 + sw - 1) / sw;
  return end < from ? from : end > outW ? outW : end;
}

/**
 * Patch rows (c, ky, kx) by output columns (n, oy, ox): out[c·kh·kw × n·outH·outW]. Row (c, ky, kx)
 * of image b, output row oy, is input row oy·sh + ky − pt of channel c read from column kx − pl with
 * step sw — for stride 1 a contiguous run, copied four floats at a time. Images b0..b1 only (they own
 * disjoint column ranges), so two threads can each fill half.
 */
export function im2col(x: usize, geom: usize, out: usize, b0: i32, b1: i32): void {
  const n = g(geom, 0), c = g(geom, 1), h = g(geom, 2), w = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const sh = g(geom, 6), sw = g(geom, 7), pt = g(geom, 8), pl = g(geom, 9), outH = g(geom, 10), outW = g(geom, 11);
  const positions = outH * outW;
  const width = <usize>n * <usize>positions;
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const r = (ch * kh + ky) * kw + kx;
        const x0 = kx - pl;
        const lo = firstInside(x0, sw);
        const hi = endInside(x0, sw, w, outW, lo);
        for (let b = b0; b < b1; b++) {
          const plane = x + ((<usize>(b * c + ch) * <usize>h * <usize>w) << 2);
          let dst = out + ((<usize>r * width + <usize>b * <usize>positions) << 2);
          for (let oy = 0; oy < outH; oy++, dst += <usize>outW << 2) {
            const iy = oy * sh - pt + ky;
            if (iy < 0 || iy >= h) {
              zeroBytes(dst, <usize>outW << 2);
              continue;
            }
            for (let ox = 0; ox < lo; ox++) store<f32>(dst + (<usize>ox << 2), 0);
            const src = plane + (<usize>(iy * w) << 2);
            if (sw == 1) {
              copyRun(dst + (<usize>lo << 2), src + (<usize>(lo + x0) << 2), hi - lo);
            } else {
              for (let ox = lo; ox < hi; ox++) store<f32>(dst + (<usize>ox << 2), load<f32>(src + (<usize>(ox * sw + x0) << 2)));
            }
            for (let ox = hi; ox < outW; ox++) store<f32>(dst + (<usize>ox << 2), 0);
          }
        }
      }
    }
  }
}

/**
 * Adjoint of im2col: sums the patch matrix back into NCHW images (overwritten). Images b0..b1 only
 * (each image's pixels depend only on its own columns), so two threads can split the batch.
 */
export function col2im(cols: usize, geom: usize, out: usize, b0: i32, b1: i32): void {
  const n = g(geom, 0), c = g(geom, 1), h = g(geom, 2), w = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const sh = g(geom, 6), sw = g(geom, 7), pt = g(geom, 8), pl = g(geom, 9), outH = g(geom, 10), outW = g(geom, 11);
  const positions = outH * outW;
  const width = <usize>n * <usize>positions;
  const imageFloats = <usize>c * <usize>h * <usize>w;
  zeroBytes(out + ((<usize>b0 * imageFloats) << 2), (<usize>(b1 - b0) * imageFloats) << 2);
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const r = (ch * kh + ky) * kw + kx;
        const x0 = kx - pl;
        const lo = firstInside(x0, sw);
        const hi = endInside(x0, sw, w, outW, lo);
        for (let b = b0; b < b1; b++) {
          const plane = out + ((<usize>(b * c + ch) * <usize>h * <usize>w) << 2);
          let src = cols + ((<usize>r * width + <usize>b * <usize>positions) << 2);
          for (let oy = 0; oy < outH; oy++, src += <usize>outW << 2) {
            const iy = oy * sh - pt + ky;
            if (iy < 0 || iy >= h) continue;
            const dst = plane + (<usize>(iy * w) << 2);
            if (sw == 1) {
              addRun(dst + (<usize>(lo + x0) << 2), src + (<usize>lo << 2), hi - lo);
            } else {
              for (let ox = lo; ox < hi; ox++) {
                const at = dst + (<usize>(ox * sw + x0) << 2);
                store<f32>(at, load<f32>(at) + load<f32>(src + (<usize>ox << 2)));
              }
            }
          }
        }
      }
    }
  }
}

/**
 * out[j, i, :] = x[i, j, :] for x viewed as [a, b, inner] and i in i0..i1: swaps the two outer axes,
 * moving whole runs of `inner` floats (the [channels, batch, positions] ↔ NCHW reorder of conv2d).
 */
export function swapOuter(x: usize, a: i32, b: i32, inner: i32, out: usize, i0: i32, i1: i32): void {
  const run = <usize>inner << 2;
  for (let i = i0; i < i1; i++) {
    for (let j = 0; j < b; j++) {
      copyRun(out + (<usize>(j * a + i) * run), x + (<usize>(i * b + j) * run), inner);
    }
  }
}

/**
 * The common 2×2, stride 2, unpadded window, four outputs at a time: even and odd columns of the two
 * input rows are split with shuffles and compared with f32x4.gt / bitselect. Branch-free — a scalar
 * compare-and-branch mispredicts on every other element of real activations. With `relu`, the maxima
 * are stored through ReLU (v > 0 ? v : +0; assembly/relu-pool.ts), the argmax unchanged.
 */
export function maxPool2x2(x: usize, p0: i32, p1: i32, h: i32, w: i32, outH: i32, outW: i32, out: usize, argmax: usize, relu: bool): void {
  const zero = f32x4.splat(0);
  let o: usize = <usize>p0 * <usize>outH * <usize>outW;
  const step = i32x4(0, 2, 4, 6);
  for (let p = p0; p < p1; p++) {
    const plane = p * h * w;
    for (let oy = 0; oy < outH; oy++) {
      const rowIdx = plane + 2 * oy * w;
      const r0 = x + (<usize>rowIdx << 2);
      const r1 = r0 + (<usize>w << 2);
      let ox = 0;
      for (; ox + 4 <= outW; ox += 4, o += 4) {
        const off = <usize>ox << 3;
        const a0 = v128.load(r0 + off);
        const a1 = v128.load(r0 + off, 16);
        const b0 = v128.load(r1 + off);
        const b1 = v128.load(r1 + off, 16);
        const idx = i32x4.add(i32x4.splat(rowIdx + 2 * ox), step);
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
        v128.store(out + (o << 2), relu ? v128.and(best, f32x4.gt(best, zero)) : best);
        v128.store(argmax + (o << 2), bestIdx);
      }
      for (; ox < outW; ox++, o++) {
        const idx = rowIdx + 2 * ox;
        const at = x + (<usize>idx << 2);
        let best = load<f32>(at);
        let bestIdx = idx;
        let v = load<f32>(at, 4);
        if (v > best) { best = v; bestIdx = idx + 1; }
        v = load<f32>(at + (<usize>w << 2));
        if (v > best) { best = v; bestIdx = idx + w; }
        v = load<f32>(at + (<usize>w << 2), 4);
        if (v > best) { best = v; bestIdx = idx + w + 1; }
        store<f32>(out + (o << 2), relu ? (best > 0 ? best : 0) : best);
        store<i32>(argmax + (o << 2), bestIdx);
      }
    }
  }
}

/**
 * Max pooling of planes (image, channel) p0..p1 (so two threads can split them); argmax receives
 * the flat input index of each maximum (first one on ties).
 */
export function maxPool2d(x: usize, geom: usize, out: usize, argmax: usize, p0: i32, p1: i32): void {
  const n = g(geom, 0), c = g(geom, 1), h = g(geom, 2), w = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const sh = g(geom, 6), sw = g(geom, 7), pt = g(geom, 8), pl = g(geom, 9), outH = g(geom, 10), outW = g(geom, 11);
  if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && pt == 0 && pl == 0 && 2 * outH <= h && 2 * outW <= w) {
    maxPool2x2(x, p0, p1, h, w, outH, outW, out, argmax, false);
    return;
  }
  let o: usize = <usize>p0 * <usize>outH * <usize>outW;
  for (let p = p0; p < p1; p++) {
    const plane = p * h * w;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, o++) {
        let best: f32 = -Infinity;
        let bestIdx = -1;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - pt + ky;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw - pl + kx;
            if (ix < 0 || ix >= w) continue;
            const idx = plane + iy * w + ix;
            const v = load<f32>(x + (<usize>idx << 2));
            if (v > best || bestIdx < 0) {
              best = v;
              bestIdx = idx;
            }
          }
        }
        store<f32>(out + (o << 2), best);
        store<i32>(argmax + (o << 2), bestIdx);
      }
    }
  }
}

/**
 * Planes p0..p1 of dx (overwritten) = scatter-add of dy at argmax, where a plane holds `outPlane`
 * values of dy and `inPlane` of dx (each argmax points into its own plane, so threads can split them).
 */
export function maxPool2dGrad(dy: usize, argmax: usize, dx: usize, outPlane: i32, inPlane: i32, p0: i32, p1: i32): void {
  zeroBytes(dx + ((<usize>p0 * <usize>inPlane) << 2), (<usize>(p1 - p0) * <usize>inPlane) << 2);
  for (let i = p0 * outPlane; i < p1 * outPlane; i++) {
    const at = dx + (<usize>load<i32>(argmax + (<usize>i << 2)) << 2);
    store<f32>(at, load<f32>(at) + load<f32>(dy + (<usize>i << 2)));
  }
}

/** Average pooling (padding counted as zeros, divisor kh·kw); grad when `backward`. */
export function avgPool2d(x: usize, geom: usize, out: usize, backward: bool): void {
  const n = g(geom, 0), c = g(geom, 1), h = g(geom, 2), w = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const sh = g(geom, 6), sw = g(geom, 7), pt = g(geom, 8), pl = g(geom, 9), outH = g(geom, 10), outW = g(geom, 11);
  const inv: f64 = 1.0 / <f64>(kh * kw);
  // Forward: x is the image, out the pooled map. Backward: x is dy (pooled), out is dx (image).
  if (backward) zeroBytes(out, (<usize>n * <usize>c * <usize>h * <usize>w) << 2);
  let o: usize = 0;
  for (let p = 0; p < n * c; p++) {
    const plane = p * h * w;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, o++) {
        let s: f64 = 0;
        const v: f64 = backward ? <f64>load<f32>(x + (o << 2)) * inv : 0;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - pt + ky;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw - pl + kx;
            if (ix < 0 || ix >= w) continue;
            const at = <usize>(plane + iy * w + ix) << 2;
            if (backward) store<f32>(out + at, <f32>(<f64>load<f32>(out + at) + v));
            else s += <f64>load<f32>(x + at);
          }
        }
        if (!backward) store<f32>(out + (o << 2), <f32>(s * inv));
      }
    }
  }
}
