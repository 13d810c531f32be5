import { afterAll, describe, expect, it } from 'vitest';
import { conv2dGeometry, conv2dProductKernel, fusedKernel, type Conv2dGeometry } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { mulberry32, randomBuffer } from './random.js';

// The training path's forward product for short patches (c·kh·kw ≤ 16: a first layer over one
// channel) runs image by image with the bias added as each output is stored. It must give the batched
// path's values bit for bit — im2col of the whole batch, the product, then the bias pass — since both
// sum 0, then one multiply-add per patch row in the same order, then the bias.
const rand = mulberry32(9);

for (const threads of [2, 1]) {
  describe(`wasm short-patch training product (${threads} thread${threads > 1 ? 's' : ''})`, () => {
    const backend = new WasmBackend({ threads, matmulSplitWork: 1, elementSplitWork: 1 });
    afterAll(() => backend.dispose());
    const random = (size: number) => randomBuffer(backend, rand, size, -1, 1);
    const product = fusedKernel(backend, conv2dProductKernel)!;

    /** im2col over the batch, the product into NCHW, then + bias per channel (core's conv2d without conv2d_product). */
    function batched(x: Float32Array, w: Float32Array, bias: Float32Array | null, g: Conv2dGeometry, outC: number): Float32Array {
      const k = backend.kernels;
      const positions = g.outH * g.outW;
      const patch = g.c * g.kh * g.kw;
      const cols = backend.alloc(patch * g.n * positions);
      k.im2col(x, g, cols);
      const out = backend.alloc(g.n * outC * positions);
      k.matmulNchw(w, cols, out, outC, patch, g.n * positions, false, false, 'out', positions);
      const shape = [g.n, outC, g.outH, g.outW];
      if (bias) k.binary('add', out, shape, bias, [1, outC, 1, 1], out, shape);
      backend.release(cols);
      return out;
    }

    const cases: [number[], number, number, number, number | 'valid' | 'same', number][] = [
      [[16, 1, 28, 28], 3, 3, 1, 'valid', 32], // the MNIST CNN's first layer
      [[5, 1, 9, 11], 3, 3, 1, 'same', 7], // odd channel count, padding
      [[3, 1, 10, 10], 3, 3, 2, 1, 4], // strided
      [[4, 1, 12, 12], 4, 4, 1, 'valid', 5], // 16-long patch
      [[2, 2, 7, 6], 2, 2, 1, 'valid', 3], // two channels, 2×2
      [[1, 1, 5, 5], 1, 1, 1, 'valid', 2], // 1×1
    ];
    it('equals im2col, the product and the bias pass bit for bit, with and without a bias', () => {
      for (const [shape, kh, kw, stride, padding, outC] of cases) {
        const g = conv2dGeometry('conv2d', shape, kh, kw, stride, padding);
        const x = random(shape.reduce((a, b) => a * b, 1));
        const w = random(outC * g.c * kh * kw);
        for (const bias of [random(outC), null]) {
          const out = random(g.n * outC * g.outH * g.outW);
          expect(product(x, w, bias, out, g, outC), `${shape} ${kh}×${kw}`).toBe(true);
          expect(Array.from(out), `${shape} ${kh}×${kw} bias ${bias !== null}`).toEqual(Array.from(batched(x, w, bias, g, outC)));
        }
      }
    });

    it('declines longer patches that Winograd does not take, and arrays outside its memory', () => {
      const g = conv2dGeometry('conv2d', [1, 2, 8, 8], 3, 3, 2, 'valid');
      expect(product(random(128), random(3 * 18), null, random(3 * 9), g, 3)).toBe(false);
      const single = conv2dGeometry('conv2d', [1, 1, 8, 8], 3, 3, 1, 'valid');
      expect(product(new Float32Array(64), random(9), null, random(36), single, 1)).toBe(false);
    });
  });
}
