// im2col of one image for a stride-1 convolution (every convolution of the example CNNs), through a
// zero-padded copy of the image: with the padding in the copy, row (c, ky, kx) of the patch matrix is,
// for each output row oy, the run of outW floats of padded row oy + ky from column kx — one copy of
// whole vectors, no bounds to test. The general im2col (assembly/conv.ts) works out, for each such
// run, which columns fall in the padding; with 14-float runs (the MNIST CNN's second layer: 288 runs
// per output row) that bookkeeping cost about as much as the copying.

import { zeroBytes } from './memory-ops';

@inline function g(geom: usize, i: i32): i32 {
  return load<i32>(geom + (<usize>i << 2));
}

/** Floats past the end of a patch matrix or padded image that im2colPadded may write or read: its last vector's overrun. */
export const PADDED_SLACK: i32 = 4;

/** Floats of the padded copy of one image: c · (outH + kh − 1) · (outW + kw − 1). */
@inline export function paddedImageFloats(geom: usize): i32 {
  return g(geom, 1) * (g(geom, 10) + g(geom, 4) - 1) * (g(geom, 11) + g(geom, 5) - 1);
}

/**
 * The patch matrix [c·kh·kw × outH·outW] of image x (stride 1 in both directions) into `cols`, using
 * `padded` (paddedImageFloats + PADDED_SLACK floats) for the padded copy. Runs are copied four
 * floats at a time and the last vector of a run may write up to three floats past it: into the next
 * run, which is written afterwards, or, after the last run, into the PADDED_SLACK floats that `cols`
 * must have past its end. The values are those of im2col.
 */
export function im2colPadded(x: usize, geom: usize, cols: usize, padded: usize): void {
  const c = g(geom, 1), h = g(geom, 2), w = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const pt = g(geom, 8), pl = g(geom, 9), outH = g(geom, 10), outW = g(geom, 11);
  const hp = outH + kh - 1;
  const wp = outW + kw - 1;
  // Padded column px holds image column px − pl: inside the image for px in [lo, hi).
  const lo = pl > 0 ? (pl < wp ? pl : wp) : 0;
  const hiRaw = w + pl;
  const hi = hiRaw < wp ? hiRaw : wp;
  for (let ch = 0; ch < c; ch++) {
    for (let py = 0; py < hp; py++) {
      const dst = padded + (<usize>((ch * hp + py) * wp) << 2);
      const iy = py - pt;
      if (iy < 0 || iy >= h || hi <= lo) {
        zeroBytes(dst, <usize>wp << 2);
        continue;
      }
      for (let px = 0; px < lo; px++) store<f32>(dst + (<usize>px << 2), 0);
      const src = x + (<usize>((ch * h + iy) * w + lo - pl) << 2);
      const len = hi - lo;
      let i = 0;
      for (; i + 4 <= len; i += 4) v128.store(dst + (<usize>(lo + i) << 2), v128.load(src + (<usize>i << 2)));
      for (; i < len; i++) store<f32>(dst + (<usize>(lo + i) << 2), load<f32>(src + (<usize>i << 2)));
      for (let px = hi; px < wp; px++) store<f32>(dst + (<usize>px << 2), 0);
    }
  }
  // Four more floats after the copy: the runs' last vectors read up to three past the last row.
  zeroBytes(padded + (<usize>(c * hp * wp) << 2), <usize>PADDED_SLACK << 2);
  const runBytes = <usize>outW << 2;
  let dst = cols;
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        let src = padded + (<usize>((ch * hp + ky) * wp + kx) << 2);
        for (let oy = 0; oy < outH; oy++, dst += runBytes, src += <usize>wp << 2) {
          for (let i: usize = 0; i < runBytes; i += 16) v128.store(dst + i, v128.load(src + i));
        }
      }
    }
  }
}
