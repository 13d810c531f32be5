import { afterAll, describe, expect, it } from 'vitest';
import { conv2dGeometry, conv2dWeightGradKernel, fusedKernel, type Conv2dGeometry, type Conv2dPadding } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { mulberry32, randomBuffer } from './random.js';
import { expectWithinBound, im2colWeightGrad } from './error-bound.js';

// A convolution's weight gradient without the batch's patch matrix (conv2d_weight_grad, its direct
// product: the option winogradWeightGrad, which would take 3×3 stride-1 windows, is kept off here — see
// winograd-weight-grad.test.ts;
// assembly/conv-weight-grad.ts) against the op's own path on this backend: im2col of the batch, then
// dW = dY·colsᵀ (matmulNchw, dY image-major). Both sum the same products over images and positions,
// in different orders (k-blocks of one image's positions and one partial sum per chunk of images,
// against the product's k-blocks over the whole batch), so they are compared within a bound on
// float32 rounding:
//   |fused − im2col| ≤ 2⁻²⁴ · 16 · S,  S = Σ_{images, positions} |dy|·|patch value| for that weight.
// Blocked sums of k terms have error ≤ ~(blocks + block length)·ε·S in the worst case and far less
// typically; 16·ε·S is several times the largest difference seen over these cases and ~500× below a
// wrong tap or a lost image (an error of the size of one weight's gradient, ~S/√k for k ≤ 2000 terms).
const rand = mulberry32(2016_2);
const BOUND = 16;

// Two threads and one; and the plain SIMD module, whose 4-row tile packs the patch panels differently.
for (const [threads, relaxedSimd] of [[2, true], [1, true], [2, false]] as const) {
  describe(`wasm convolution weight gradient (${threads} thread${threads > 1 ? 's' : ''}${relaxedSimd ? '' : ', plain SIMD'})`, () => {
    const backend = new WasmBackend({ threads, relaxedSimd, matmulSplitWork: 1, elementSplitWork: 1, winogradWeightGrad: false });
    afterAll(() => backend.dispose());
    const random = (size: number) => randomBuffer(backend, rand, size, -1, 1);
    const weightGrad = fusedKernel(backend, conv2dWeightGradKernel)!;
    if (!relaxedSimd) it('runs the plain SIMD module', () => expect(backend.kernelModule).toBe('simd'));

    // [n, c, h, w, out channels, kernel, stride, padding]: W-CNN's second layer (c·kw = 96, a whole
    // number of row panels per ky); the MNIST CNN's ('same'); 3 channels (27-long patches: panels
    // across two ky and a short last panel) with out channels not a multiple of the tile; strides 2
    // and 3 with padding, even and 5×5 kernels, a 1×1 kernel; many images (several chunks); one image;
    // a window larger than the image with padding.
    const cases: [number, number, number, number, number, number, number, Conv2dPadding][] = [
      [6, 32, 13, 13, 64, 3, 1, 'valid'], [3, 32, 14, 14, 64, 3, 1, 'same'], [5, 3, 9, 7, 5, 3, 1, 'valid'], [2, 3, 11, 10, 13, 3, 2, 1],
      [3, 2, 12, 9, 7, 4, 2, 'same'], [2, 2, 13, 11, 9, 5, 3, 2], [2, 20, 5, 6, 10, 1, 1, 'valid'], [17, 4, 6, 6, 8, 3, 1, 'same'],
      [1, 6, 17, 23, 16, 3, 1, 'same'], [2, 2, 3, 3, 3, 5, 1, 2],
    ];

    it('equals the im2col path within float32 rounding, for any stride, padding and window', () => {
      for (const [n, c, h, wd, outC, k, stride, padding] of cases) {
        const g = conv2dGeometry('conv2d', [n, c, h, wd], k, k, stride, padding);
        const x = random(n * c * h * wd);
        const dy = random(n * outC * g.outH * g.outW);
        const dw = random(outC * c * k * k);
        expect(weightGrad(x, dy, dw, g, outC)).toBe(true);
        const { dw: want, s } = im2colWeightGrad(backend, x, dy, g, outC);
        expectWithin(dw, want, s, [n, c, h, wd, outC, k, stride, padding].join(','));
      }
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

    it('declines short patches (one channel, 3×3), more than 512 out channels and arrays outside the wasm memory', () => {
      const single = conv2dGeometry('conv2d', [2, 1, 8, 8], 3, 3, 1, 'valid');
      expect(weightGrad(random(128), random(2 * 4 * 36), random(4 * 9), single, 4)).toBe(false);
      const g = conv2dGeometry('conv2d', [1, 2, 4, 4], 3, 3, 1, 'valid');
      expect(weightGrad(random(32), random(520 * 4), random(520 * 18), g, 520)).toBe(false);
      expect(weightGrad(new Float32Array(32), random(4 * 4), random(4 * 18), g, 4)).toBe(false);
    });
  });
}

function expectWithin(got: Float32Array, want: Float32Array, s: Float64Array, label: string): void {
  expectWithinBound(got, want, s, BOUND, label, 'weight', 'WEIGHT_GRAD_ERRORS');
}
