import { afterAll, describe, expect, it } from 'vitest';
import { cpuKernels } from '@hyperspec/backend-cpu';
import { conv2dForwardKernel, conv2dGeometry, denseForwardKernel, fusedKernel, maxPool2dForwardKernel, pool2dGeometry, type Conv2dPadding } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { expectClose } from './compare.js';
import { mulberry32, randomBuffer } from './random.js';

// The inference kernels of a loaded model: the dense forward on weights packed once (`frozen`) and the
// convolution forward image by image. Both use the training path's blocking and micro-kernel, so the
// dense one must equal the unfrozen product bit for bit, and the convolution the reference kernels
// within float32 accumulation error. Two threads with a split threshold of 1 run even small cases in
// chunks; one thread runs them whole. The plain SIMD module (4-row tiles, no FMA) runs them too.
const rand = mulberry32(97);

for (const [threads, relaxedSimd] of [[2, true], [1, true], [1, false]] as const) {
  describe(`wasm inference kernels (${threads} thread${threads > 1 ? 's' : ''}${relaxedSimd ? '' : ', plain SIMD'})`, () => {
    const backend = new WasmBackend({ threads, matmulSplitWork: 1, relaxedSimd });
    afterAll(() => backend.dispose());
    const random = (size: number, lo = -1, hi = 1) => randomBuffer(backend, rand, size, lo, hi);
    const dense = fusedKernel(backend, denseForwardKernel)!;

    it('dense forward on frozen (packed) weights equals the product on the same weights unpacked, bit for bit', () => {
      for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [33, 70, 65], [130, 300, 90], [100, 784, 10], [97, 257, 512]]) {
        for (const withBias of [true, false]) {
          for (const activation of ['relu', 'linear'] as const) {
            const x = random(m * k);
            const w = random(k * n);
            const bias = withBias ? random(n) : null;
            const packed = backend.alloc(m * n);
            const plain = backend.alloc(m * n);
            dense(x, w, bias, packed, m, k, n, activation, true);
            // Twice: the second call reads the packed copy made by the first.
            dense(x, w, bias, packed, m, k, n, activation, true);
            dense(x, w, bias, plain, m, k, n, activation, false);
            expect(Array.from(packed)).toEqual(Array.from(plain));
          }
        }
      }
    });

    it('dense forward on frozen weights leaves out the all-zero steps of sparse rows (raw pixels) and still equals the unpacked product bit for bit', () => {
      // Densities from none to most: where any of a row panel's values is non-zero, the step is kept;
      // at 60 % most panels keep more than 7/8 of their steps and run whole. n ≥ 32 compacts; n = 10 does not.
      for (const [m, k, n] of [[97, 784, 512], [130, 300, 90], [13, 70, 40], [50, 200, 33], [40, 300, 10]]) {
        for (const density of [0, 0.05, 0.2, 0.6]) {
          const x = random(m * k);
          for (let i = 0; i < x.length; i++) if (rand() >= density) x[i] = 0;
          // Runs of zero pixels as in images, and a NaN that must still propagate.
          x.fill(0, k, 3 * k + 17);
          if (density > 0) x[5 * k + 3] = Number.NaN;
          const w = random(k * n);
          const bias = random(n);
          for (const activation of ['relu', 'linear'] as const) {
            const packed = backend.alloc(m * n);
            const plain = backend.alloc(m * n);
            dense(x, w, bias, packed, m, k, n, activation, true);
            dense(x, w, bias, plain, m, k, n, activation, false);
            expect(Array.from(packed)).toEqual(Array.from(plain));
            expect(Number.isNaN(packed[5 * n])).toBe(density > 0 && activation === 'linear');
          }
        }
      }
    });

    it('a packed copy lives only as long as its weights: a released and reused buffer, or other dimensions, pack again', () => {
      const [m, k, n] = [20, 40, 24];
      const x = random(m * k);
      const w = random(k * n);
      const out = backend.alloc(m * n);
      const expected = backend.alloc(m * n);
      dense(x, w, null, out, m, k, n, 'linear', true);
      backend.release(w);
      // The pool hands the same view back; new values must not meet the old packed panels.
      const w2 = backend.alloc(k * n);
      expect(w2).toBe(w);
      for (let i = 0; i < w2.length; i++) w2[i] = rand() * 2 - 1;
      dense(x, w2, null, out, m, k, n, 'linear', true);
      dense(x, w2, null, expected, m, k, n, 'linear', false);
      expect(Array.from(out)).toEqual(Array.from(expected));
      // The same buffer read as [k/2 × 2n]: different panels.
      const wide = backend.alloc(m * 2 * n);
      const wideExpected = backend.alloc(m * 2 * n);
      const xHalf = x.subarray(0, m * (k / 2));
      dense(xHalf, w2, null, wide, m, k / 2, 2 * n, 'linear', true);
      dense(xHalf, w2, null, wideExpected, m, k / 2, 2 * n, 'linear', false);
      expect(Array.from(wide)).toEqual(Array.from(wideExpected));
    });

    it('convolution forward image by image (bias, ReLU) agrees with im2col and the product on the reference kernels', () => {
      const conv = fusedKernel(backend, conv2dForwardKernel)!;
      // [n, c, h, w, out channels, kernel, stride, padding]
      const cases: [number, number, number, number, number, number, number, Conv2dPadding][] = [
        [3, 1, 28, 28, 32, 3, 1, 'same'], [5, 32, 14, 14, 64, 3, 1, 'same'], [2, 3, 9, 7, 5, 3, 2, 'valid'],
        [4, 2, 8, 8, 7, 1, 1, 'valid'], [1, 4, 6, 5, 9, 2, 2, 'same'], [6, 3, 11, 13, 13, 5, 3, 2],
      ];
      for (const [n, c, h, wd, outC, kk, stride, padding] of cases) {
        const g = conv2dGeometry('conv2d', [n, c, h, wd], kk, kk, stride, padding);
        const positions = g.outH * g.outW;
        const patch = c * kk * kk;
        for (const withBias of [true, false]) {
          for (const activation of ['relu', 'linear'] as const) {
            const x = random(n * c * h * wd);
            const w = random(outC * patch);
            const bias = withBias ? random(outC) : null;
            const out = random(n * outC * positions);
            expect(conv(x, w, bias, out, g, outC, activation)).toBe(true);
            const cols = new Float32Array(patch * n * positions);
            cpuKernels.im2col(x, g, cols);
            const product = new Float32Array(outC * n * positions);
            cpuKernels.matmul(w, cols, product, outC, patch, n * positions, false, false);
            const ref = new Float32Array(out.length);
            for (let b = 0; b < n; b++) {
              for (let o = 0; o < outC; o++) {
                for (let q = 0; q < positions; q++) {
                  const z = Math.fround(product[o * n * positions + b * positions + q] + (bias ? bias[o] : 0));
                  ref[(b * outC + o) * positions + q] = activation === 'relu' ? (z > 0 ? z : 0) : z;
                }
              }
            }
            expectClose(out, ref, 3e-5);
          }
        }
      }
    });

    it("convolution forward equals the training path's product on this backend exactly (same blocking, same order of sums), short patches included", () => {
      const conv = fusedKernel(backend, conv2dForwardKernel)!;
      // Patches of 9, 2, 16 values take the short-patch product, the others the blocked one; stride 1
      // takes the padded im2col (asymmetric 'same' padding of an even kernel, padding wider than the
      // kernel needs, 'valid', 1×1), other strides the general one. (3×3 stride-1 windows over more
      // than one channel take Winograd's algorithm instead, which rounds differently: test/winograd.test.ts.)
      const cases: [number, number, number, number, number, number, number, Conv2dPadding][] = [
        [3, 1, 28, 28, 32, 3, 1, 'same'], [2, 2, 7, 9, 7, 1, 1, 'valid'], [2, 4, 6, 5, 9, 2, 2, 'same'], [2, 3, 9, 7, 5, 3, 2, 'valid'],
        [2, 8, 14, 14, 64, 5, 1, 'same'], [2, 3, 9, 7, 5, 5, 1, 'valid'], [2, 5, 6, 7, 4, 2, 1, 'same'], [1, 3, 5, 6, 6, 2, 1, 2],
      ];
      for (const [n, c, h, wd, outC, kk, stride, padding] of cases) {
        const g = conv2dGeometry('conv2d', [n, c, h, wd], kk, kk, stride, padding);
        const positions = g.outH * g.outW;
        const patch = c * kk * kk;
        const x = random(n * c * h * wd);
        const w = random(outC * patch);
        const bias = random(outC);
        const out = backend.alloc(n * outC * positions);
        expect(conv(x, w, bias, out, g, outC, 'relu')).toBe(true);
        const cols = backend.alloc(patch * n * positions);
        backend.kernels.im2col(x, g, cols);
        const product = backend.alloc(outC * n * positions);
        backend.kernels.matmul(w, cols, product, outC, patch, n * positions, false, false);
        const ref = new Float32Array(out.length);
        for (let b = 0; b < n; b++) {
          for (let o = 0; o < outC; o++) {
            for (let q = 0; q < positions; q++) {
              const z = Math.fround(product[o * n * positions + b * positions + q] + bias[o]);
              ref[(b * outC + o) * positions + q] = z > 0 ? z : 0;
            }
          }
        }
        expect(Array.from(out)).toEqual(Array.from(ref));
      }
    });

    it("max pooling's inference forward (2×2, stride 2) equals the training kernel's output exactly, NaN and signed zeros included; other windows are declined", () => {
      const pool = fusedKernel(backend, maxPool2dForwardKernel)!;
      // [n, c, h, w]: odd sizes leave a row and a column out; widths 10 and 9 run the scalar tail after the vectors.
      for (const shape of [[2, 3, 28, 28], [1, 2, 7, 9], [3, 4, 14, 10], [64, 32, 6, 6]]) {
        const g = pool2dGeometry('max_pool2d', shape, { kernel: 2 });
        const x = random(shape.reduce((a, d) => a * d, 1));
        // Ties of +0 and −0 and NaNs in every window position: the order of comparisons decides what comes out.
        for (let i = 0; i < x.length; i += 7) x[i] = i % 3 === 0 ? 0 : i % 3 === 1 ? -0 : NaN;
        const out = random(g.n * g.c * g.outH * g.outW);
        expect(pool(x, g, out)).toBe(true);
        const expected = backend.alloc(out.length);
        // The training kernel on this backend (argmax in the wasm memory too, as the op keeps it).
        const argmaxStore = backend.alloc(out.length);
        backend.kernels.maxPool2d(x, g, expected, new Int32Array(argmaxStore.buffer, argmaxStore.byteOffset, out.length));
        expect(Array.from(out)).toEqual(Array.from(expected));
      }
      const overlapping = pool2dGeometry('max_pool2d', [1, 1, 6, 6], { kernel: 3, stride: 1 });
      expect(pool(random(36), overlapping, backend.alloc(16))).toBe(false);
    });

    it('the convolution forward declines arrays outside the wasm memory (the op then runs the batched path)', () => {
      const g = conv2dGeometry('conv2d', [1, 1, 4, 4], 3, 3, 1, 'valid');
      const conv = fusedKernel(backend, conv2dForwardKernel)!;
      expect(conv(new Float32Array(16), random(9), null, backend.alloc(4), g, 1, 'linear')).toBe(false);
    });
  });
}
