// im2col / col2im and pooling over NCHW images. Geometry arrives as a block of 12 i32 values in
// memory (n, c, h, w, kh, kw, strideH, strideW, padTop, padLeft, outH, outW) to keep signatures short.

import { zeroBytes } from './memory-ops';

@inline function g(geom: usize, i: i32): i32 {
  return load<i32>(geom + (<usize>i << 2));
}

/**
 * Rows are output positions (n, oy, ox), columns (c, ky, kx). Rows from `row0` to `row1` only, so two
 * threads can each fill half of the matrix.
 */
export function im2col(x: usize, geom: usize, out: usize, row0: i32, row1: i32): void {
  const c = g(geom, 1), h = g(geom, 2), w = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const sh = g(geom, 6), sw = g(geom, 7), pt = g(geom, 8), pl = g(geom, 9), outH = g(geom, 10), outW = g(geom, 11);
  const cols = c * kh * kw;
  const perImage = outH * outW;
  for (let row = row0; row < row1; row++) {
    const b = row / perImage;
    const rem = row - b * perImage;
    const oy = rem / outW;
    const ox = rem - oy * outW;
    let o = out + ((<usize>row * <usize>cols) << 2);
    const x0 = ox * sw - pl;
    const inside = x0 >= 0 && x0 + kw <= w;
    for (let ch = 0; ch < c; ch++) {
      const plane = x + ((<usize>(b * c + ch) * <usize>h * <usize>w) << 2);
      for (let ky = 0; ky < kh; ky++, o += <usize>kw << 2) {
        const iy = oy * sh - pt + ky;
        if (iy < 0 || iy >= h) {
          for (let kx = 0; kx < kw; kx++) store<f32>(o + (<usize>kx << 2), 0);
          continue;
        }
        const src = plane + ((<usize>(iy * w + x0)) << 2);
        if (inside) {
          // Kernel rows are short (3–7 floats): a plain loop beats a memory.copy call.
          if (kw == 3) {
            store<f32>(o, load<f32>(src));
            store<f32>(o, load<f32>(src, 4), 4);
            store<f32>(o, load<f32>(src, 8), 8);
          } else {
            for (let kx = 0; kx < kw; kx++) store<f32>(o + (<usize>kx << 2), load<f32>(src + (<usize>kx << 2)));
          }
        } else {
          for (let kx = 0; kx < kw; kx++) {
            const ix = x0 + kx;
            store<f32>(o + (<usize>kx << 2), ix >= 0 && ix < w ? load<f32>(plane + (<usize>(iy * w + ix) << 2)) : 0);
          }
        }
      }
    }
  }
}

/**
 * Adjoint of im2col: sums rows back into the image. Images b0..b1 only (each image's pixels depend
 * only on its own rows), so two threads can split the batch.
 */
export function col2im(cols: usize, geom: usize, out: usize, b0: i32, b1: i32): void {
  const c = g(geom, 1), h = g(geom, 2), w = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const sh = g(geom, 6), sw = g(geom, 7), pt = g(geom, 8), pl = g(geom, 9), outH = g(geom, 10), outW = g(geom, 11);
  const ncols = c * kh * kw;
  const imageFloats = <usize>c * <usize>h * <usize>w;
  zeroBytes(out + ((<usize>b0 * imageFloats) << 2), (<usize>(b1 - b0) * imageFloats) << 2);
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const row = (b * outH + oy) * outW + ox;
        let o = cols + ((<usize>row * <usize>ncols) << 2);
        for (let ch = 0; ch < c; ch++) {
          const plane = out + ((<usize>(b * c + ch) * <usize>h * <usize>w) << 2);
          for (let ky = 0; ky < kh; ky++, o += <usize>kw << 2) {
            const iy = oy * sh - pt + ky;
            if (iy < 0 || iy >= h) continue;
            const x0 = ox * sw - pl;
            if (x0 >= 0 && x0 + kw <= w) {
              const at = plane + (<usize>(iy * w + x0) << 2);
              for (let kx = 0; kx < kw; kx++) {
                const q = at + (<usize>kx << 2);
                store<f32>(q, load<f32>(q) + load<f32>(o + (<usize>kx << 2)));
              }
              continue;
            }
            for (let kx = 0; kx < kw; kx++) {
              const ix = x0 + kx;
              if (ix >= 0 && ix < w) {
                const at = plane + (<usize>(iy * w + ix) << 2);
                store<f32>(at, load<f32>(at) + load<f32>(o + (<usize>kx << 2)));
              }
            }
          }
        }
      }
    }
  }
}

/**
 * The common 2×2, stride 2, unpadded window, four outputs at a time: even and odd columns of the two
 * input rows are split with shuffles and compared with f32x4.gt / bitselect. Branch-free — a scalar
 * compare-and-branch mispredicts on every other element of real activations.
 */
function maxPool2x2(x: usize, planes: i32, h: i32, w: i32, outH: i32, outW: i32, out: usize, argmax: usize): void {
  let o: usize = 0;
  const step = i32x4(0, 2, 4, 6);
  for (let p = 0; p < planes; p++) {
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
        v128.store(out + (o << 2), best);
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
        store<f32>(out + (o << 2), best);
        store<i32>(argmax + (o << 2), bestIdx);
      }
    }
  }
}

/** Max pooling; argmax receives the flat input index of each maximum (first one on ties). */
export function maxPool2d(x: usize, geom: usize, out: usize, argmax: usize): void {
  const n = g(geom, 0), c = g(geom, 1), h = g(geom, 2), w = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const sh = g(geom, 6), sw = g(geom, 7), pt = g(geom, 8), pl = g(geom, 9), outH = g(geom, 10), outW = g(geom, 11);
  if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && pt == 0 && pl == 0 && 2 * outH <= h && 2 * outW <= w) {
    maxPool2x2(x, n * c, h, w, outH, outW, out, argmax);
    return;
  }
  let o: usize = 0;
  for (let p = 0; p < n * c; p++) {
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

/** dx (nx floats, overwritten) = scatter-add of dy (ny floats) at argmax. */
export function maxPool2dGrad(dy: usize, argmax: usize, ny: i32, dx: usize, nx: i32): void {
  zeroBytes(dx, <usize>nx << 2);
  for (let i = 0; i < ny; i++) {
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
