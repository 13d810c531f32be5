import { afterAll, describe, expect, it } from 'vitest';
import { conv2dGeometry, conv2dWeightGradKernel, fusedKernel, type Conv2dGeometry, type Conv2dPadding } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { mulberry32, randomBuffer } from './random.js';
import { expectWithinBound, im2colWeightGrad } from './error-bound.js';

// 3×3 stride-1 weight gradients over more than one channel by Winograd's F(3×3, 2×2) (Lavin & Gray,
// CVPR 2016; assembly/winograd-weight-grad.ts; the backend option winogradWeightGrad, on by default) against the op's own path on this backend: im2col of
// the batch, then dW = dY·colsᵀ. Winograd rounds differently from the direct sum, so they are
// compared within a bound on float32 rounding:
//   |winograd − im2col| ≤ 2⁻²⁴ · 32 · S,  S = Σ_{images, positions} |dy|·|patch value| for that weight.
// The sums run over images·tiles terms in both, and Winograd's transforms scale each term by small
// constants first (|A e Aᵀ| ≤ 4·max|e|, |Bᵀ d B| ≤ 4·max|d|, the output transform sums 16 terms with
// weights ≤ 1), as for the forward (winograd.test.ts, same bound). 32·ε·S is several times the
// largest error seen over these cases and far below a wrong tap or a lost image (~S/√k, k ≤ 2000).
const rand = mulberry32(2016_3);
const BOUND = 32;

for (const [threads, relaxedSimd] of [[2, true], [1, true], [2, false]] as const) {
  describe(`wasm Winograd weight gradient (${threads} thread${threads > 1 ? 's' : ''}${relaxedSimd ? '' : ', plain SIMD'})`, () => {
    const backend = new WasmBackend({ threads, relaxedSimd, matmulSplitWork: 1, elementSplitWork: 1, winogradWeightGrad: true });
    const direct = new WasmBackend({ threads: 1, relaxedSimd, winogradWeightGrad: false });
    afterAll(() => {
      backend.dispose();
      direct.dispose();
    });
    const random = (size: number) => randomBuffer(backend, rand, size, -1, 1);
    const weightGrad = fusedKernel(backend, conv2dWeightGradKernel)!;

    // [n, c, h, w, out channels, padding]: W-CNN's second layer (odd 11×11 output: a half-empty last
    // tile row and column); the MNIST CNN's ('same', padding 1); odd sizes, out channels not a
    // multiple of the tile; padding 1 and 2 on odd images; many images (several chunks, a short last
    // group); one image; an output smaller than one tile.
    const cases: [number, number, number, number, number, Conv2dPadding][] = [
      [6, 32, 13, 13, 64, 'valid'], [3, 32, 14, 14, 64, 'same'], [5, 3, 9, 7, 5, 'valid'], [2, 4, 8, 11, 13, 1],
      [3, 2, 7, 5, 7, 2], [17, 4, 6, 6, 8, 'same'], [1, 6, 17, 23, 16, 'same'], [2, 3, 3, 4, 3, 'valid'],
    ];

    it('equals the im2col path within float32 rounding, with and without padding and for odd sizes', () => {
      for (const [n, c, h, wd, outC, padding] of cases) {
        const g = conv2dGeometry('conv2d', [n, c, h, wd], 3, 3, 1, padding);
        const x = random(n * c * h * wd);
        const dy = random(n * outC * g.outH * g.outW);
        const dw = random(outC * c * 9);
        expect(weightGrad(x, dy, dw, g, outC)).toBe(true);
        const { dw: want, s } = im2colWeightGrad(backend, x, dy, g, outC);
        expectWithin(dw, want, s, [n, c, h, wd, outC, padding].join(','));
      }
    });

    it('is the path taken for 3×3 stride-1 windows: its bits differ from the direct product\'s', () => {
      const g = conv2dGeometry('conv2d', [4, 32, 13, 13], 3, 3, 1, 'valid');
      const x = random(4 * 32 * 13 * 13);
      const dy = random(4 * 64 * 11 * 11);
      const dw = random(64 * 32 * 9);
      expect(weightGrad(x, dy, dw, g, 64)).toBe(true);
      const dx = direct.alloc(x.length), ddy = direct.alloc(dy.length), ddw = direct.alloc(dw.length);
      dx.set(x);
      ddy.set(dy);
      expect(fusedKernel(direct, conv2dWeightGradKernel)!(dx, ddy, ddw, g, 64)).toBe(true);
      expect(Array.from(dw)).not.toEqual(Array.from(ddw));
    });

    it('gives the same bits on every call (the chunks and the order of their sums do not depend on which threads run)', () => {
      const g = conv2dGeometry('conv2d', [64, 32, 13, 13], 3, 3, 1, 'valid');
      const x = random(64 * 32 * 13 * 13);
      const dy = random(64 * 64 * 11 * 11);
      const first = random(64 * 32 * 9);
      expect(weightGrad(x, dy, first, g, 64)).toBe(true);
      for (let i = 0; i < 3; i++) {
        const again = random(64 * 32 * 9);
        expect(weightGrad(x, dy, again, g, 64)).toBe(true);
        expect(again).toEqual(first);
      }
    });
  });
}

function expectWithin(got: Float32Array, want: Float32Array, s: Float64Array, label: string): void {
  expectWithinBound(got, want, s, BOUND, label, 'weight', 'WEIGHT_GRAD_ERRORS');
}
