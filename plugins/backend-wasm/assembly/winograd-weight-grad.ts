// A 3×3 stride-1 convolution's weight gradient by Winograd's minimal filtering F(3×3, 2×2), after
// A. Lavin and S. Gray, "Fast Algorithms for Convolutional Neural Networks" (CVPR 2016). The forward
// F(2×2, 3×3) (assembly/winograd.ts) computes each 2×2 output tile as Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A from
// the tile's 4×4 input block d; differentiating that through g gives the weight gradient as a sum
// over tiles and images of
//   dW = Gᵀ [(A e Aᵀ) ⊙ (Bᵀ d B)] G,   e the tile's 2×2 block of dY,
// with the same B, G and A. So with V = Bᵀ d B (the forward's input transform, per channel and tile)
// and E = A e Aᵀ (per output channel and tile), the 16 sums M_ξ[o, c] = Σ_tiles E_ξ[o, tile]·V_ξ[c, tile]
// are 16 products [outC × tiles]·[tiles × c] on the gemm (16 multiplies per tile and channel pair
// against the direct product's 9·(2×2) = 36), and dW[o, c] = Gᵀ M[o, c] G once at the end.
// Tiles past an odd output's edge read dY as 0, so they add nothing.
//
// The threads split the images (chunks independent of the thread that runs them); each chunk sums
// into its own M, and winogradWeightGradSum adds the chunks' M in chunk order before the output
// transform, so a call gives the same bits whichever threads ran.

import { gemmBlock } from './gemm';
import { inputTransform, padImage, paddedWidth } from './winograd';

@inline function g(geom: usize, i: i32): i32 {
  return load<i32>(geom + (<usize>i << 2));
}

/** The 16 transformed values ξ = 4·(row) + (column) of a tile live 16 planes apart. */
const XI: i32 = 16;

/**
 * Floats between E's planes: outC·tiles and 32 more. Plain outC·tiles is often a multiple of 4 KiB
 * (64 · 144 floats = 9 × 4 KiB for W-CNN), and the transform's 16 store streams then fall into the
 * same L1 cache sets (it took half the kernel's time).
 */
@inline function planeE(outC: i32, tiles: i32): i32 {
  return outC * tiles + 32;
}

/** Floats between V's planes: c·tiles and 32 more, for the same reason (32 · 144 floats are 4.5 × 4 KiB). */
@inline function planeV(c: i32, tiles: i32): i32 {
  return c * tiles + 32;
}

/** Floats of one chunk's M: 16 planes of outC × c, rounded up to 16 floats. */
@inline function sumFloats(outC: i32, c: i32): i32 {
  return (XI * outC * c + 15) & ~15;
}

/**
 * Floats of `work` winogradWeightGradImages needs per call: M (sumFloats), then, for `group` images,
 * their padded copies, V (16 planes of planeV) and E (16 of planeE), each followed by 4 floats of slack.
 */
export function winogradWeightGradWorkFloats(geom: usize, outC: i32, group: i32): i32 {
  const c = g(geom, 1);
  const th = (g(geom, 10) + 1) >> 1, tw = (g(geom, 11) + 1) >> 1;
  const tiles = group * th * tw;
  return sumFloats(outC, c) + group * c * (2 * th + 2) * paddedWidth(tw) + 4 + XI * planeV(c, tiles) + 4 + XI * planeE(outC, tiles) + 4;
}

/**
 * M (the first sumFloats floats of `work`: [16][outC][c]) = Σ over images b0..b1 and their tiles of
 * E_ξ ⊗ V_ξ, for the NCHW input x of the batch, its geometry `geom` (assembly/conv.ts layout; 3×3,
 * stride 1, any padding) and dy [n, outC, outH, outW]; `group` images per product. `work`
 * (winogradWeightGradWorkFloats) is this call's alone, `scratch` the thread's gemm scratch. Overwrites M.
 */
export function winogradWeightGradImages(x: usize, geom: usize, dy: usize, outC: i32, group: i32, b0: i32, b1: i32, work: usize, scratch: usize): void {
  const c = g(geom, 1);
  const th = (g(geom, 10) + 1) >> 1, tw = (g(geom, 11) + 1) >> 1;
  const perImage = th * tw;
  const hp = 2 * th + 2, wp = paddedWidth(tw);
  const imageFloats = c * hp * wp;
  const m = work;
  if (b1 <= b0) {
    memory.fill(m, 0, <usize>(XI * outC * c) << 2);
    return;
  }
  const padded = m + (<usize>sumFloats(outC, c) << 2);
  const v = padded + (<usize>(group * imageFloats + 4) << 2);
  const e = v + (<usize>(XI * planeV(c, group * perImage) + 4) << 2);
  for (let b = b0; b < b1; b += group) {
    const count = b + group <= b1 ? group : b1 - b;
    const tiles = count * perImage;
    for (let i = 0; i < count; i++) {
      const copy = padded + (<usize>(i * imageFloats) << 2);
      padImage(x, geom, b + i, hp, wp, copy);
      inputTransform(copy, c, hp, wp, th, tw, v, tiles, i * perImage, planeV(c, tiles));
      dyTransform(dy, geom, outC, b + i, th, tw, e, tiles, i * perImage);
    }
    for (let xi = 0; xi < XI; xi++) {
      // M_ξ [outC × c] (+)= E_ξ [outC × tiles] · V_ξᵀ (V_ξ stored c × tiles).
      gemmBlock(e + (<usize>(xi * planeE(outC, tiles)) << 2), v + (<usize>(xi * planeV(c, tiles)) << 2), m + (<usize>(xi * outC * c) << 2), outC, tiles, c,
        false, true, 0, outC, 0, c, scratch, 0, false, 0, 0, b > b0, 0, 0);
    }
  }
}

/**
 * E_ξ[o, first + tile] = (A e Aᵀ)_ξ for every output channel and tile of image b, e the tile's 2×2
 * block of dy (0 past the output's edge); E is [16][outC][tiles], its planes planeE floats apart. A e Aᵀ with A = [1 0; 1 1; 1 −1; 0 −1]
 * maps each row (p, q) of e to (p, p + q, p − q, −q), then each column the same way. Four tiles of a
 * tile row at a time where their 8 columns are inside the row (the even and odd columns split by two
 * shuffles, as the input transform's); the rest one at a time, reading 0 past the edge.
 */
function dyTransform(dy: usize, geom: usize, outC: i32, b: i32, th: i32, tw: i32, e: usize, tiles: i32, first: i32): void {
  const outH = g(geom, 10), outW = g(geom, 11);
  const positions = outH * outW;
  const plane = <usize>planeE(outC, tiles) << 2;
  const rowBytes = <usize>outW << 2;
  const zero = f32x4.splat(0);
  // Tiles in blocks of four whose 8 columns lie inside the row: vectors, four tiles per lane group.
  const vectorTiles = (outW >> 3) << 2;
  for (let o = 0; o < outC; o++) {
    const src = dy + (<usize>((b * outC + o) * positions) << 2);
    let dst = e + (<usize>(o * tiles + first) << 2);
    for (let ty = 0; ty < th; ty++) {
      const y = 2 * ty;
      const down = y + 1 < outH;
      let tx = 0;
      for (; tx < vectorTiles; tx += 4, dst += 16) {
        const at = src + <usize>y * rowBytes + (<usize>(2 * tx) << 2);
        const p0 = v128.load(at), p1 = v128.load(at, 16);
        const e00 = v128.shuffle<f32>(p0, p1, 0, 2, 4, 6), e01 = v128.shuffle<f32>(p0, p1, 1, 3, 5, 7);
        let e10 = zero, e11 = zero;
        if (down) {
          const q0 = v128.load(at + rowBytes), q1 = v128.load(at + rowBytes, 16);
          e10 = v128.shuffle<f32>(q0, q1, 0, 2, 4, 6);
          e11 = v128.shuffle<f32>(q0, q1, 1, 3, 5, 7);
        }
        const r01 = f32x4.add(e00, e01), r02 = f32x4.sub(e00, e01), r03 = f32x4.neg(e01);
        const r11 = f32x4.add(e10, e11), r12 = f32x4.sub(e10, e11), r13 = f32x4.neg(e11);
        v128.store(dst, e00); v128.store(dst + plane, r01); v128.store(dst + 2 * plane, r02); v128.store(dst + 3 * plane, r03);
        v128.store(dst + 4 * plane, f32x4.add(e00, e10)); v128.store(dst + 5 * plane, f32x4.add(r01, r11));
        v128.store(dst + 6 * plane, f32x4.add(r02, r12)); v128.store(dst + 7 * plane, f32x4.add(r03, r13));
        v128.store(dst + 8 * plane, f32x4.sub(e00, e10)); v128.store(dst + 9 * plane, f32x4.sub(r01, r11));
        v128.store(dst + 10 * plane, f32x4.sub(r02, r12)); v128.store(dst + 11 * plane, f32x4.sub(r03, r13));
        v128.store(dst + 12 * plane, f32x4.neg(e10)); v128.store(dst + 13 * plane, f32x4.neg(r11));
        v128.store(dst + 14 * plane, f32x4.neg(r12)); v128.store(dst + 15 * plane, f32x4.neg(r13));
      }
      for (; tx < tw; tx++, dst += 4) {
        const xx = 2 * tx;
        const right = xx + 1 < outW;
        const at = src + <usize>y * rowBytes + (<usize>xx << 2);
        const e00 = load<f32>(at);
        const e01: f32 = right ? load<f32>(at, 4) : 0;
        const e10: f32 = down ? load<f32>(at + rowBytes) : 0;
        const e11: f32 = down && right ? load<f32>(at + rowBytes, 4) : 0;
        // Rows along x.
        const r00 = e00, r01 = e00 + e01, r02 = e00 - e01, r03 = -e01;
        const r10 = e10, r11 = e10 + e11, r12 = e10 - e11, r13 = -e11;
        // Columns along y: (r0, r0 + r1, r0 − r1, −r1).
        store<f32>(dst, r00); store<f32>(dst + plane, r01); store<f32>(dst + 2 * plane, r02); store<f32>(dst + 3 * plane, r03);
        store<f32>(dst + 4 * plane, r00 + r10); store<f32>(dst + 5 * plane, r01 + r11); store<f32>(dst + 6 * plane, r02 + r12); store<f32>(dst + 7 * plane, r03 + r13);
        store<f32>(dst + 8 * plane, r00 - r10); store<f32>(dst + 9 * plane, r01 - r11); store<f32>(dst + 10 * plane, r02 - r12); store<f32>(dst + 11 * plane, r03 - r13);
        store<f32>(dst + 12 * plane, -r10); store<f32>(dst + 13 * plane, -r11); store<f32>(dst + 14 * plane, -r12); store<f32>(dst + 15 * plane, -r13);
      }
    }
  }
}

/**
 * dw [outC, c, 3, 3] = Gᵀ (Σ over `count` chunks' M, `stride` floats apart, taken in order) G for each
 * (o, c); overwrites the first chunk's M. Gᵀ = [1 ½ ½ 0; 0 ½ −½ 0; 0 ½ ½ 1] maps (m0, m1, m2, m3) to (m0 + ½(m1 + m2), ½(m1 − m2), ½(m1 + m2) + m3).
 */
export function winogradWeightGradSum(work: usize, count: i32, stride: i32, outC: i32, c: i32, dw: usize): void {
  const strideBytes = <usize>stride << 2;
  const plane = <usize>(outC * c) << 2;
  // The chunks' M into the first one, in chunk order (the same left-to-right sums), four floats at a time.
  const total = XI * outC * c;
  for (let i = 1; i < count; i++) {
    const src = work + <usize>i * strideBytes;
    let f = 0;
    for (; f + 4 <= total; f += 4) {
      const at = <usize>f << 2;
      v128.store(work + at, f32x4.add(v128.load(work + at), v128.load(src + at)));
    }
    for (; f < total; f++) {
      const at = <usize>f << 2;
      store<f32>(work + at, load<f32>(work + at) + load<f32>(src + at));
    }
  }
  for (let o = 0; o < outC; o++) {
    for (let ch = 0; ch < c; ch++) {
      const at = work + (<usize>(o * c + ch) << 2);
      // Rows (y) of the summed M, transformed along x: t[i][k].
      let t00: f32 = 0, t01: f32 = 0, t02: f32 = 0, t10: f32 = 0, t11: f32 = 0, t12: f32 = 0;
      let t20: f32 = 0, t21: f32 = 0, t22: f32 = 0, t30: f32 = 0, t31: f32 = 0, t32: f32 = 0;
      for (let i = 0; i < 4; i++) {
        const row = at + <usize>(4 * i) * plane;
        const m0 = load<f32>(row), m1 = load<f32>(row + plane), m2 = load<f32>(row + 2 * plane), m3 = load<f32>(row + 3 * plane);
        const a = m0 + <f32>0.5 * (m1 + m2), bb = <f32>0.5 * (m1 - m2), cc = <f32>0.5 * (m1 + m2) + m3;
        if (i == 0) { t00 = a; t01 = bb; t02 = cc; }
        else if (i == 1) { t10 = a; t11 = bb; t12 = cc; }
        else if (i == 2) { t20 = a; t21 = bb; t22 = cc; }
        else { t30 = a; t31 = bb; t32 = cc; }
      }
      const out = dw + (<usize>((o * c + ch) * 9) << 2);
      // ... and along y.
      store<f32>(out, t00 + <f32>0.5 * (t10 + t20)); store<f32>(out, t01 + <f32>0.5 * (t11 + t21), 4); store<f32>(out, t02 + <f32>0.5 * (t12 + t22), 8);
      store<f32>(out, <f32>0.5 * (t10 - t20), 12); store<f32>(out, <f32>0.5 * (t11 - t21), 16); store<f32>(out, <f32>0.5 * (t12 - t22), 20);
      store<f32>(out, <f32>0.5 * (t10 + t20) + t30, 24); store<f32>(out, <f32>0.5 * (t11 + t21) + t31, 28); store<f32>(out, <f32>0.5 * (t12 + t22) + t32, 32);
    }
  }
}
