// A convolution's weight gradient dW = dY·patchesᵀ without the batch's patch matrix. The batched path
// (im2col of the whole batch, then one product with k = images·positions) writes and reads the patch
// matrix — 9·c floats per output position, 9 MB for W-CNN's second layer at batch 64 — through
// memory, and the product's operands are both image-major and long along k. Here the product is
// computed as dWᵀ [patch × outC] = patches · dYᵀ, blocked as in Goto & van de Geijn ("Anatomy of
// High-Performance Matrix Multiplication", ACM TOMS 2008) with k running over (image, position): for
// each k-block, dYᵀ is packed into NR-column panels (kc × outC, in L2), and each MR-row panel of the
// patches is packed from a channel-last copy of the image (no im2col) and multiplied by the gemm's
// micro-kernel against every column panel. dWᵀ's sides are multiples of the tile for the usual
// shapes (patch 288 = 48·6 = 72·4, outC 64 = 8·8), where dW itself would leave a 4-row edge at 64.
// The threads split the images (k): each chunk sums into its own dWᵀ, and convWeightGradSum adds
// the chunks' partial sums in chunk order and transposes them into dW.

import { MR, NR } from './gemm-tile';
import { microKernel, microKernelShort } from './gemm-micro';
import { KC, MC, NC } from './gemm';
import { packB } from './gemm-pack';

@inline function imin(a: i32, b: i32): i32 {
  return a < b ? a : b;
}

@inline function g(geom: usize, i: i32): i32 {
  return load<i32>(geom + (<usize>i << 2));
}

/** Most output channels the kernel takes: its packed dYᵀ block (KC × outC rounded to NR) fills the gemm scratch's B block. */
export const WEIGHT_GRAD_MAX_OUT: i32 = NC;

/** Most images in one k-block: a block of images whose positions together fit in KC. */
const BLOCK_IMAGES: i32 = 8;

/** Images per k-block: as many whole images as fit in KC positions (one when an image has more); the host cuts chunks of images on multiples of it. */
export function weightGradBlockImages(positions: i32): i32 {
  return positions >= KC ? 1 : imin(BLOCK_IMAGES, KC / positions);
}

/** Floats of one image's channel-last copy: the padded image, as far as the windows reach, (outH − 1)·sh + kh rows × (outW − 1)·sw + kw columns × c. */
@inline function imageFloats(geom: usize): i32 {
  return ((g(geom, 10) - 1) * g(geom, 6) + g(geom, 4)) * ((g(geom, 11) - 1) * g(geom, 7) + g(geom, 5)) * g(geom, 1);
}

/** Floats of the channel-last copies convWeightGradImages needs next to each partial sum: one per image of a k-block. */
export function weightGradImageFloats(geom: usize): i32 {
  return imageFloats(geom) * weightGradBlockImages(g(geom, 10) * g(geom, 11));
}

/**
 * partial (patch × outC floats: dWᵀ with its rows in (ky, kx, channel) order, column o) = Σ over
 * images b0..b1 and positions of patches(x)[j, (b, q)] · dy[b, o, q], for the NCHW input x of the
 * whole batch, its geometry `geom` (assembly/conv.ts layout) and dy [n, outC, outH, outW].
 * `image` holds weightGradImageFloats floats for this call alone; `scratch` is the calling thread's
 * gemm scratch (SCRATCH_FLOATS; outC ≤ WEIGHT_GRAD_MAX_OUT). Overwrites partial.
 *
 * Each image is first copied channel-last and padded (image[py, px, channel]): the patch values of
 * one output position for consecutive rows (ky, kx, channel) are then consecutive floats — a run of
 * kw·c per ky — so a row panel of the patches is packed by copying MR floats per position instead of
 * gathering them from MR places (the gather cost a third of the time). A k-block takes the positions
 * of as many whole images as fit in KC (2 × 121 for W-CNN's second layer): with one image's 121, the
 * micro-kernel's loads and stores of its dWᵀ tile cost ~7 % of its multiply-adds.
 */
export function convWeightGradImages(x: usize, geom: usize, dy: usize, outC: i32, b0: i32, b1: i32, partial: usize, scratch: usize, image: usize): void {
  const c = g(geom, 1), h = g(geom, 2), wd = g(geom, 3), kh = g(geom, 4), kw = g(geom, 5);
  const positions = g(geom, 10) * g(geom, 11);
  const patch = c * kh * kw;
  if (b1 <= b0) {
    memory.fill(partial, 0, <usize>(patch * outC) << 2);
    return;
  }
  const panelA = scratch;
  const packedDy = scratch + (<usize>(MC * KC) << 2);
  const tile = packedDy + (<usize>(KC * NC) << 2);
  const per = weightGradBlockImages(positions);
  // An image longer than KC: equal k-blocks of its positions (as gemmBlock's), a thin last block would pay a pass over dWᵀ for little work.
  const kBlocks = (positions + KC - 1) / KC;
  const kStep = (positions + kBlocks - 1) / kBlocks;
  const imageBytes = <usize>(c * h * wd) << 2;
  const copyBytes = <usize>imageFloats(geom) << 2;
  const dyBytes = <usize>(outC * positions) << 2;
  for (let b = b0; b < b1; b += per) {
    const nb = imin(per, b1 - b);
    for (let i = 0; i < nb; i++) channelLast(x + <usize>(b + i) * imageBytes, geom, image + <usize>i * copyBytes);
    for (let q = 0; q < positions; q += kStep) {
      // Positions q..q+each of each of the nb images (all of them when nb > 1).
      const each = imin(kStep, positions - q);
      const kc = nb * each;
      // dYᵀ's panels: dy of one image is B stored n×k (outC rows along positions), as the product's transposed B; one panel, one image at a time.
      for (let jr = 0; jr < outC; jr += NR) {
        for (let i = 0; i < nb; i++) {
          packB(dy + <usize>(b + i) * dyBytes, true, positions, outC, q, each, jr, imin(NR, outC - jr), packedDy + (<usize>(jr * kc + i * each * NR) << 2), 0);
        }
      }
      const add = b > b0 || q > 0;
      for (let ir = 0; ir < patch; ir += MR) {
        const mr = imin(MR, patch - ir);
        for (let i = 0; i < nb; i++) packPatchRows(image + <usize>i * copyBytes, geom, ir, mr, q, each, panelA + (<usize>(i * each * MR) << 2));
        for (let jr = 0; jr < outC; jr += NR) {
          const nr = imin(NR, outC - jr);
          const bp = packedDy + (<usize>(jr * kc) << 2);
          const cp = partial + (<usize>(ir * outC + jr) << 2);
          if (MR == 6 && mr <= 4) microKernelShort(panelA, bp, kc, cp, outC, mr, nr, add, tile, false, 0, false);
          else microKernel(panelA, bp, kc, cp, outC, mr, nr, add, tile, false, 0, false);
        }
      }
    }
  }
}

/** One NCHW image x [c, h, w] into `image` [rows, cols, c] (imageFloats), shifted by the padding, zero around it. */
function channelLast(x: usize, geom: usize, image: usize): void {
  const c = g(geom, 1), h = g(geom, 2), wd = g(geom, 3), pt = g(geom, 8), pl = g(geom, 9);
  const rows = (g(geom, 10) - 1) * g(geom, 6) + g(geom, 4);
  const cols = (g(geom, 11) - 1) * g(geom, 7) + g(geom, 5);
  if (pt > 0 || pl > 0 || rows > h || cols > wd) memory.fill(image, 0, <usize>(rows * cols * c) << 2);
  const iyEnd = imin(h, rows - pt);
  const ixEnd = imin(wd, cols - pl);
  const plane = <usize>(h * wd) << 2;
  const pixel = <usize>c << 2;
  for (let iy = 0; iy < iyEnd; iy++) {
    const rowD = image + (<usize>(((iy + pt) * cols + pl) * c) << 2);
    const rowS = x + (<usize>(iy * wd) << 2);
    let ix = 0;
    if ((c & 3) == 0) {
      // 4 channels × 4 pixels at a time, transposed in registers.
      for (; ix + 4 <= ixEnd; ix += 4) {
        let s = rowS + (<usize>ix << 2);
        let d = rowD + <usize>ix * pixel;
        for (let ch = 0; ch < c; ch += 4, s += 4 * plane, d += 16) {
          const r0 = v128.load(s);
          const r1 = v128.load(s + plane);
          const r2 = v128.load(s + 2 * plane);
          const r3 = v128.load(s + 3 * plane);
          const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
          const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
          const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
          const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
          v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
          v128.store(d + pixel, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
          v128.store(d + 2 * pixel, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
          v128.store(d + 3 * pixel, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
        }
      }
    }
    for (; ix < ixEnd; ix++) {
      let s = rowS + (<usize>ix << 2);
      let d = rowD + <usize>ix * pixel;
      for (let ch = 0; ch < c; ch++, s += plane, d += 4) store<f32>(d, load<f32>(s));
    }
  }
}

/**
 * Packs rows ir..ir+mr of one image's patch matrix, its rows in (ky, kx, channel) order, for
 * positions q..q+kc into one MR-row panel at dst: for each position, the MR values
 * image[oy·sh + ky, ox·sw + kx, channel] contiguously (0 past mr). Rows within one ky are
 * consecutive floats of the channel-last image, copied as vectors; a panel across two ky (kw·c not
 * a multiple of MR) or at the bottom edge is gathered row by row.
 */
function packPatchRows(image: usize, geom: usize, ir: i32, mr: i32, q: i32, kc: i32, dst: usize): void {
  const c = g(geom, 1), kw = g(geom, 5), sh = g(geom, 6), sw = g(geom, 7), outW = g(geom, 11);
  const cols = (outW - 1) * sw + kw;
  const run = kw * c;
  // Floats from one output position's window origin to the next one's along a row, and to the next row.
  const step = <usize>(sw * c) << 2;
  const rowStep = <usize>(sh * cols * c) << 2;
  let oy = q / outW;
  let ox = q % outW;
  if (mr == MR && ir / run == (ir + MR - 1) / run) {
    const ky = ir / run;
    const first = image + (<usize>(ky * cols * c + ir % run) << 2);
    let d = dst;
    for (let t = 0; t < kc;) {
      const len = imin(outW - ox, kc - t);
      let src = first + <usize>oy * rowStep + <usize>ox * step;
      for (let e = 0; e < len; e++, src += step, d += MR * 4) {
        v128.store(d, v128.load(src));
        if (MR == 6) store<u64>(d, load<u64>(src, 16), 16);
      }
      t += len;
      ox = 0;
      oy++;
    }
    return;
  }
  for (let ii = 0; ii < MR; ii++) {
    let d = dst + (<usize>ii << 2);
    if (ii >= mr) {
      for (let t = 0; t < kc; t++, d += MR * 4) store<f32>(d, 0);
      continue;
    }
    const j = ir + ii;
    const ky = j / run;
    const first = image + (<usize>(ky * cols * c + j % run) << 2);
    let y = q / outW;
    let xx = q % outW;
    for (let t = 0; t < kc;) {
      const len = imin(outW - xx, kc - t);
      let src = first + <usize>y * rowStep + <usize>xx * step;
      for (let e = 0; e < len; e++, src += step, d += MR * 4) store<f32>(d, load<f32>(src));
      t += len;
      xx = 0;
      y++;
    }
  }
}

/**
 * dw [outC, c, kh, kw] = Σ over `count` partial sums (each patch × outC, dWᵀ with rows in (ky, kx,
 * channel) order, `stride` floats apart) taken in order, transposed: dw[o, (channel, ky, kx)] =
 * Σ_i partial_i[(ky, kx, channel), o]. `window` is kh·kw.
 */
export function convWeightGradSum(partials: usize, count: i32, stride: i32, c: i32, window: i32, outC: i32, dw: usize): void {
  const strideBytes = <usize>stride << 2;
  const patch = c * window;
  for (let r = 0; r < patch; r++) {
    const rowBytes = <usize>(r * outC) << 2;
    const j = (r % c) * window + r / c;
    let o = 0;
    for (; o + 4 <= outC; o += 4) {
      let at = partials + rowBytes + (<usize>o << 2);
      let s = v128.load(at);
      for (let i = 1; i < count; i++) {
        at += strideBytes;
        s = f32x4.add(s, v128.load(at));
      }
      const out = dw + (<usize>(o * patch + j) << 2);
      const step = <usize>patch << 2;
      store<f32>(out, f32x4.extract_lane(s, 0));
      store<f32>(out + step, f32x4.extract_lane(s, 1));
      store<f32>(out + 2 * step, f32x4.extract_lane(s, 2));
      store<f32>(out + 3 * step, f32x4.extract_lane(s, 3));
    }
    for (; o < outC; o++) {
      let at = partials + rowBytes + (<usize>o << 2);
      let s = load<f32>(at);
      for (let i = 1; i < count; i++) {
        at += strideBytes;
        s += load<f32>(at);
      }
      store<f32>(dw + (<usize>(o * patch + j) << 2), s);
    }
  }
}
