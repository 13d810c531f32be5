// A 3×3, stride-1 convolution by Winograd's minimal filtering F(2×2, 3×3), after A. Lavin and S. Gray,
// "Fast Algorithms for Convolutional Neural Networks" (CVPR 2016). Each 2×2 block of outputs (a tile)
// reads a 4×4 block d of the padded input; with the transforms
//   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],  G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],  Aᵀ = [1 1 1 0; 0 1 −1 −1]
// the tile is Aᵀ [Σ_c (G g_oc Gᵀ) ⊙ (Bᵀ d_c B)] A. So, with U = G g Gᵀ (per output channel o and input
// channel c, 16 values ξ) and V = Bᵀ d B (per channel and tile, 16 values, adds only), the 16 sums
// M_ξ[o, tile] = Σ_c U_ξ[o, c]·V_ξ[c, tile] are 16 independent products [O × C]·[C × tiles]: 16
// multiplies per tile and channel pair where the direct convolution needs 36 (2.25× fewer). They run
// on the gemm's micro-kernel (assembly/gemm.ts) with U packed once per weight (winogradWeights).
//
// The transforms are vectorized over four horizontally adjacent tiles: a padded input row is split
// into its even and odd columns with two shuffles, which gives the four tiles' d[r][0..3] as four
// vectors. Tiles of several images are batched into one product (`group` images at a time) so that
// its column count is large enough for the micro-kernel.
//
// A tile's 2×2 outputs are exactly one window of a 2×2 / stride-2 max pooling, so with `pool` the
// output transform takes the maximum of the tile (then bias and ReLU, which commute with it) and
// only the tiles the pooling keeps are computed.

import { gemmBlock, packWhole } from './gemm';

@inline function g(geom: usize, i: i32): i32 {
  return load<i32>(geom + (<usize>i << 2));
}

/** The 16 transformed values of one 3×3 filter per (output, input) channel pair live 16 planes apart. */
const XI: i32 = 16;

/**
 * U = G g Gᵀ for every (o, c) of weights w [outC, c, 3, 3] into u [16][outC][c], then each of the 16
 * planes packed whole for the product (packWhole, A side) at packed + ξ·rowsPadded·c floats, where
 * rowsPadded is outC rounded up to the micro-kernel's height. With `flip`, the weights are taken as
 * the input gradient's filters instead: w' [c, outC, 3, 3] with w'[c, o] = w[o, c] rotated by 180°
 * (then `outC` and `c` name w's dimensions as stored, and u is [16][c][outC]).
 */
export function winogradWeights(w: usize, outC: i32, c: i32, flip: bool, u: usize, packed: usize, rowsPadded: i32): void {
  const rows = flip ? c : outC;
  const cols = flip ? outC : c;
  const plane = <usize>(rows * cols) << 2;
  for (let o = 0; o < outC; o++) {
    for (let ch = 0; ch < c; ch++) {
      const src = w + (<usize>((o * c + ch) * 9) << 2);
      // Rows of the (possibly rotated) filter: f(r, k) = w[r][k], or w[2 − r][2 − k] when flipped.
      const at = flip ? <usize>((ch * outC + o) << 2) : <usize>((o * c + ch) << 2);
      // t = G f: 4 rows of 3.
      let f0 = tap(src, 0, flip), f1 = tap(src, 1, flip), f2 = tap(src, 2, flip);
      let f3 = tap(src, 3, flip), f4 = tap(src, 4, flip), f5 = tap(src, 5, flip);
      let f6 = tap(src, 6, flip), f7 = tap(src, 7, flip), f8 = tap(src, 8, flip);
      const t00 = f0, t01 = f1, t02 = f2;
      const t10 = <f32>0.5 * (f0 + f3 + f6), t11 = <f32>0.5 * (f1 + f4 + f7), t12 = <f32>0.5 * (f2 + f5 + f8);
      const t20 = <f32>0.5 * (f0 - f3 + f6), t21 = <f32>0.5 * (f1 - f4 + f7), t22 = <f32>0.5 * (f2 - f5 + f8);
      const t30 = f6, t31 = f7, t32 = f8;
      // U = t Gᵀ: each row (a, b, c) becomes (a, ½(a+b+c), ½(a−b+c), c).
      storeRow(u, plane, at, 0, t00, t01, t02);
      storeRow(u, plane, at, 1, t10, t11, t12);
      storeRow(u, plane, at, 2, t20, t21, t22);
      storeRow(u, plane, at, 3, t30, t31, t32);
    }
  }
  for (let xi = 0; xi < XI; xi++) {
    packWhole(0, u + <usize>xi * plane, false, rows, cols, 0, packed + (<usize>(xi * rowsPadded * cols) << 2), 0, 0, 0, rows);
  }
}

@inline function tap(src: usize, i: i32, flip: bool): f32 {
  return load<f32>(src + (<usize>(flip ? 8 - i : i) << 2));
}

@inline function storeRow(u: usize, plane: usize, at: usize, i: i32, a: f32, b: f32, c: f32): void {
  const base = u + <usize>(i * 4) * plane + at;
  store<f32>(base, a);
  store<f32>(base + plane, <f32>0.5 * (a + b + c));
  store<f32>(base + 2 * plane, <f32>0.5 * (a - b + c));
  store<f32>(base + 3 * plane, c);
}

/** Tiles of one image: rows and columns of 2×2 output blocks (only those the pooling keeps, with `pool`). */
@inline function tilesH(geom: usize, pool: bool): i32 {
  return pool ? g(geom, 10) >> 1 : (g(geom, 10) + 1) >> 1;
}
@inline function tilesW(geom: usize, pool: bool): i32 {
  return pool ? g(geom, 11) >> 1 : (g(geom, 11) + 1) >> 1;
}

/**
 * out = act(conv(x, w) + bias) (then, with `pool`, 2×2 / stride-2 max pooling) for images b0..b1 of
 * the NCHW batch x, w given as packedU (winogradWeights). `geom` is the convolution's geometry
 * (assembly/conv.ts; 3×3, stride 1, any padding). `work` is this call's alone and holds, for `group`
 * images: their padded copies (group·c·(2·tilesH + 2)·padW floats, padW = 2·⌈tilesW / 4⌉·4 + 2),
 * V (16·c·tiles), M (16·outC·tiles), each followed by 4 floats of slack (winogradWorkFloats);
 * `scratch` is the thread's gemm scratch.
 */
export function winogradImages(x: usize, geom: usize, packedU: usize, rowsPadded: i32, bias: usize, out: usize, outC: i32, relu: bool, pool: bool,
  group: i32, b0: i32, b1: i32, work: usize, scratch: usize): void {
  const c = g(geom, 1);
  const th = tilesH(geom, pool), tw = tilesW(geom, pool);
  const perImage = th * tw;
  const hp = 2 * th + 2, wp = paddedWidth(tw);
  const imageFloats = c * hp * wp;
  const padded = work;
  const v = padded + (<usize>(group * imageFloats + 4) << 2);
  const m = v + (<usize>(XI * c * group * perImage + 4) << 2);
  for (let b = b0; b < b1; b += group) {
    const count = b + group <= b1 ? group : b1 - b;
    const tiles = count * perImage;
    for (let i = 0; i < count; i++) {
      padImage(x, geom, b + i, hp, wp, padded + (<usize>(i * imageFloats) << 2));
      inputTransform(padded + (<usize>(i * imageFloats) << 2), c, hp, wp, th, tw, v, tiles, i * perImage, c * tiles);
    }
    const planeU = <usize>(rowsPadded * c) << 2;
    for (let xi = 0; xi < XI; xi++) {
      gemmBlock(0, v + <usize>(xi * c * tiles) * 4, m + <usize>(xi * outC * tiles) * 4, outC, c, tiles, false, false, 0, outC, 0, tiles, scratch,
        0, false, 0, 0, false, packedU + <usize>xi * planeU, 0);
    }
    for (let i = 0; i < count; i++) outputTransform(m, geom, outC, tiles, i * perImage, th, tw, bias, relu, pool, out, b + i);
  }
}

/** Width of a padded copy: the vectorized transform reads 2·tw' + 2 columns for tw' = tw rounded up to 4 tiles. */
@inline export function paddedWidth(tw: i32): i32 {
  return 2 * ((tw + 3) & ~3) + 2;
}

/** Floats of `work` winogradImages needs per call. */
export function winogradWorkFloats(geom: usize, outC: i32, pool: bool, group: i32): i32 {
  const c = g(geom, 1);
  const th = tilesH(geom, pool), tw = tilesW(geom, pool);
  const tiles = group * th * tw;
  return group * c * (2 * th + 2) * paddedWidth(tw) + 4 + XI * c * tiles + 4 + XI * outC * tiles + 4;
}

/** Image b of x into dst [c][hp][wp], zero outside the image: padded row py, column px hold image row py − padTop, column px − padLeft. */
export function padImage(x: usize, geom: usize, b: i32, hp: i32, wp: i32, dst: usize): void {
  const c = g(geom, 1), h = g(geom, 2), w = g(geom, 3), pt = g(geom, 8), pl = g(geom, 9);
  const lo = pl < wp ? pl : wp;
  const hiRaw = w + pl;
  const hi = hiRaw < wp ? hiRaw : wp;
  const zero = f32x4.splat(0);
  for (let ch = 0; ch < c; ch++) {
    for (let py = 0; py < hp; py++) {
      const row = dst + (<usize>((ch * hp + py) * wp) << 2);
      const iy = py - pt;
      if (iy < 0 || iy >= h || hi <= lo) {
        let i = 0;
        for (; i + 4 <= wp; i += 4) v128.store(row + (<usize>i << 2), zero);
        for (; i < wp; i++) store<f32>(row + (<usize>i << 2), 0);
        continue;
      }
      for (let px = 0; px < lo; px++) store<f32>(row + (<usize>px << 2), 0);
      const src = x + (<usize>(((b * c + ch) * h + iy) * w + lo - pl) << 2);
      const len = hi - lo;
      let i = 0;
      for (; i + 4 <= len; i += 4) v128.store(row + (<usize>(lo + i) << 2), v128.load(src + (<usize>i << 2)));
      for (; i < len; i++) store<f32>(row + (<usize>(lo + i) << 2), load<f32>(src + (<usize>i << 2)));
      for (let px = hi; px < wp; px++) store<f32>(row + (<usize>px << 2), 0);
    }
  }
}

/**
 * V_ξ[ch, first + tile] = (Bᵀ d B)_ξ for every channel and tile of one padded image, four tiles of a
 * tile row at a time; V is [16][c][tiles], its planes `plane` floats apart. A tile row's last vector may hold fewer than four tiles:
 * only those are stored, so V's rows stay packed for the product.
 */
export function inputTransform(padded: usize, c: i32, hp: i32, wp: i32, th: i32, tw: i32, v: usize, tiles: i32, first: i32, plane: i32): void {
  const rowBytes = <usize>wp << 2;
  const planeBytes = <usize>plane << 2;
  for (let ch = 0; ch < c; ch++) {
    const image = padded + (<usize>(ch * hp * wp) << 2);
    const dst = v + (<usize>(ch * tiles + first) << 2);
    for (let ty = 0; ty < th; ty++) {
      const top = image + <usize>(2 * ty) * rowBytes;
      for (let tx = 0; tx < tw; tx += 4) {
        const at = top + (<usize>(2 * tx) << 2);
        // Row r of the four tiles' d, transformed along x: (d0 − d2, d1 + d2, d2 − d1, d1 − d3).
        const r0 = at, r1 = at + rowBytes, r2 = at + 2 * rowBytes, r3 = at + 3 * rowBytes;
        let e0 = evens(r0), o0 = odds(r0), e1 = evens(r0 + 8), o1 = odds(r0 + 8);
        const a0 = f32x4.sub(e0, e1), a1 = f32x4.add(o0, e1), a2 = f32x4.sub(e1, o0), a3 = f32x4.sub(o0, o1);
        e0 = evens(r1); o0 = odds(r1); e1 = evens(r1 + 8); o1 = odds(r1 + 8);
        const b0 = f32x4.sub(e0, e1), b1 = f32x4.add(o0, e1), b2 = f32x4.sub(e1, o0), b3 = f32x4.sub(o0, o1);
        e0 = evens(r2); o0 = odds(r2); e1 = evens(r2 + 8); o1 = odds(r2 + 8);
        const c0 = f32x4.sub(e0, e1), c1 = f32x4.add(o0, e1), c2 = f32x4.sub(e1, o0), c3 = f32x4.sub(o0, o1);
        e0 = evens(r3); o0 = odds(r3); e1 = evens(r3 + 8); o1 = odds(r3 + 8);
        const d0 = f32x4.sub(e0, e1), d1 = f32x4.add(o0, e1), d2 = f32x4.sub(e1, o0), d3 = f32x4.sub(o0, o1);
        // ... and along y: rows (r0 − r2, r1 + r2, r2 − r1, r1 − r3).
        const p = dst + (<usize>(ty * tw + tx) << 2);
        const n = tw - tx < 4 ? tw - tx : 4;
        put(p, 0, planeBytes, f32x4.sub(a0, c0), n); put(p, 1, planeBytes, f32x4.sub(a1, c1), n);
        put(p, 2, planeBytes, f32x4.sub(a2, c2), n); put(p, 3, planeBytes, f32x4.sub(a3, c3), n);
        put(p, 4, planeBytes, f32x4.add(b0, c0), n); put(p, 5, planeBytes, f32x4.add(b1, c1), n);
        put(p, 6, planeBytes, f32x4.add(b2, c2), n); put(p, 7, planeBytes, f32x4.add(b3, c3), n);
        put(p, 8, planeBytes, f32x4.sub(c0, b0), n); put(p, 9, planeBytes, f32x4.sub(c1, b1), n);
        put(p, 10, planeBytes, f32x4.sub(c2, b2), n); put(p, 11, planeBytes, f32x4.sub(c3, b3), n);
        put(p, 12, planeBytes, f32x4.sub(b0, d0), n); put(p, 13, planeBytes, f32x4.sub(b1, d1), n);
        put(p, 14, planeBytes, f32x4.sub(b2, d2), n); put(p, 15, planeBytes, f32x4.sub(b3, d3), n);
      }
    }
  }
}

/** Columns 0, 2, 4, 6 from `at`: the first input column of four horizontally adjacent tiles (tiles step 2 columns). */
@inline function evens(at: usize): v128 {
  return v128.shuffle<f32>(v128.load(at), v128.load(at, 16), 0, 2, 4, 6);
}
/** Columns 1, 3, 5, 7 from `at`. */
@inline function odds(at: usize): v128 {
  return v128.shuffle<f32>(v128.load(at), v128.load(at, 16), 1, 3, 5, 7);
}

/** The first n (1..4) lanes of vec into plane ξ at p. */
@inline function put(p: usize, xi: i32, planeBytes: usize, vec: v128, n: i32): void {
  const at = p + <usize>xi * planeBytes;
  if (n == 4) {
    v128.store(at, vec);
  } else {
    store<f32>(at, f32x4.extract_lane(vec, 0));
    if (n > 1) store<f32>(at, f32x4.extract_lane(vec, 1), 4);
    if (n > 2) store<f32>(at, f32x4.extract_lane(vec, 2), 8);
  }
}

/**
 * Image `b`'s outputs from M [16][outC][tiles] (its tiles from `first`): Y = Aᵀ M A per tile, then
 * the tile's maximum with `pool`, + bias, ReLU, stored into out (NCHW, outH × outW or the pooled
 * ⌊outH/2⌋ × ⌊outW/2⌋ per channel); outputs past the image's edge (odd sizes) are not stored.
 */
function outputTransform(m: usize, geom: usize, outC: i32, tiles: i32, first: i32, th: i32, tw: i32, bias: usize, relu: bool, pool: bool,
  out: usize, b: i32): void {
  const outH = g(geom, 10), outW = g(geom, 11);
  const planeBytes = <usize>(outC * tiles) << 2;
  const zero = f32x4.splat(0);
  const oh = pool ? th : outH, ow = pool ? tw : outW;
  for (let o = 0; o < outC; o++) {
    const bv = f32x4.splat(bias != 0 ? load<f32>(bias + (<usize>o << 2)) : <f32>0);
    const src = m + (<usize>(o * tiles + first) << 2);
    const plane = out + (<usize>((b * outC + o) * oh * ow) << 2);
    for (let ty = 0; ty < th; ty++) {
      for (let tx = 0; tx < tw; tx += 4) {
        const p = src + (<usize>(ty * tw + tx) << 2);
        // Along y: (m0 + m1 + m2, m1 − m2 − m3) for each of the four columns j.
        const s1j0 = v128.load(p + 4 * planeBytes), s2j0 = v128.load(p + 8 * planeBytes);
        const u0 = f32x4.add(f32x4.add(v128.load(p), s1j0), s2j0);
        const w0 = f32x4.sub(f32x4.sub(s1j0, s2j0), v128.load(p + 12 * planeBytes));
        const s1j1 = v128.load(p + 5 * planeBytes), s2j1 = v128.load(p + 9 * planeBytes);
        const u1 = f32x4.add(f32x4.add(v128.load(p + planeBytes), s1j1), s2j1);
        const w1 = f32x4.sub(f32x4.sub(s1j1, s2j1), v128.load(p + 13 * planeBytes));
        const s1j2 = v128.load(p + 6 * planeBytes), s2j2 = v128.load(p + 10 * planeBytes);
        const u2 = f32x4.add(f32x4.add(v128.load(p + 2 * planeBytes), s1j2), s2j2);
        const w2 = f32x4.sub(f32x4.sub(s1j2, s2j2), v128.load(p + 14 * planeBytes));
        const s1j3 = v128.load(p + 7 * planeBytes), s2j3 = v128.load(p + 11 * planeBytes);
        const u3 = f32x4.add(f32x4.add(v128.load(p + 3 * planeBytes), s1j3), s2j3);
        const w3 = f32x4.sub(f32x4.sub(s1j3, s2j3), v128.load(p + 15 * planeBytes));
        // ... and along x.
        const y00 = f32x4.add(f32x4.add(u0, u1), u2), y01 = f32x4.sub(f32x4.sub(u1, u2), u3);
        const y10 = f32x4.add(f32x4.add(w0, w1), w2), y11 = f32x4.sub(f32x4.sub(w1, w2), w3);
        if (pool) {
          const top = plane + (<usize>(ty * ow + tx) << 2);
          const best = f32x4.max(f32x4.max(y00, y01), f32x4.max(y10, y11));
          putLanes(top, finish(best, bv, relu, zero), tw - tx);
        } else {
          const row0 = plane + (<usize>(2 * ty * ow + 2 * tx) << 2);
          const n = ow - 2 * tx;
          putPairs(row0, finish(y00, bv, relu, zero), finish(y01, bv, relu, zero), n);
          if (2 * ty + 1 < oh) putPairs(row0 + (<usize>ow << 2), finish(y10, bv, relu, zero), finish(y11, bv, relu, zero), n);
        }
      }
    }
  }
}

/** + bias, then ReLU (x > 0 ? x : 0, NaN → 0), as the im2col path's bias and ReLU kernels. */
@inline function finish(v: v128, bias: v128, relu: bool, zero: v128): v128 {
  const z = f32x4.add(v, bias);
  return relu ? v128.and(z, f32x4.gt(z, zero)) : z;
}

/** The first min(n, 4) lanes of vec at `at`. */
@inline function putLanes(at: usize, vec: v128, n: i32): void {
  if (n >= 4) {
    v128.store(at, vec);
  } else {
    store<f32>(at, f32x4.extract_lane(vec, 0));
    if (n > 1) store<f32>(at, f32x4.extract_lane(vec, 1), 4);
    if (n > 2) store<f32>(at, f32x4.extract_lane(vec, 2), 8);
  }
}

/** Interleaves left/right columns of four tiles (l0 r0 l1 r1 …) and stores the first min(n, 8). */
@inline function putPairs(at: usize, left: v128, right: v128, n: i32): void {
  const lo = v128.shuffle<f32>(left, right, 0, 4, 1, 5);
  const hi = v128.shuffle<f32>(left, right, 2, 6, 3, 7);
  if (n >= 8) {
    v128.store(at, lo);
    v128.store(at, hi, 16);
    return;
  }
  putLanes(at, lo, n);
  if (n > 4) putLanes(at + 16, hi, n - 4);
}
