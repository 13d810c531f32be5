import { afterAll, describe, expect, it } from 'vitest';
import { conv2dForwardKernel, conv2dGeometry, conv2dMaxPoolForwardKernel, fusedKernel, maxPool2dForwardKernel, pool2dGeometry, type Conv2dPadding } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { mulberry32, randomBuffer } from './random.js';

// The convolution with the max pooling after it in one pass (a loaded model's conv + max_pool2d
// layers): each image is convolved, then pooled while in cache. It must give exactly what the
// convolution's forward followed by the pooling's forward give, on both thread counts (two threads
// split the images into chunks, each with its own buffers).
const rand = mulberry32(131);

for (const threads of [2, 1]) {
  describe(`wasm convolution + max pooling (${threads} thread${threads > 1 ? 's' : ''})`, () => {
    const backend = new WasmBackend({ threads, matmulSplitWork: 1 });
    afterAll(() => backend.dispose());
    const random = (size: number) => randomBuffer(backend, rand, size, -1, 1);
    const fused = fusedKernel(backend, conv2dMaxPoolForwardKernel)!;
    const conv = fusedKernel(backend, conv2dForwardKernel)!;
    const pool = fusedKernel(backend, maxPool2dForwardKernel)!;

    it('equals the convolution forward then the pooling forward bit for bit (short and blocked patches, odd sizes, strides)', () => {
      // [n, c, h, w, outC, k, stride, padding]: the MNIST CNN's two layers; odd outputs (7×9 → 3×4) leave a row and a column out.
      const cases: [number, number, number, number, number, number, number, Conv2dPadding][] = [
        [3, 1, 28, 28, 32, 3, 1, 'same'], [5, 32, 14, 14, 64, 3, 1, 'same'], [2, 2, 9, 11, 7, 3, 1, 'valid'], [3, 3, 9, 7, 5, 3, 2, 'same'],
      ];
      for (const [n, c, h, wd, outC, k, stride, padding] of cases) {
        for (const activation of ['relu', 'linear'] as const) {
          const g = conv2dGeometry('conv2d', [n, c, h, wd], k, k, stride, padding);
          const p = pool2dGeometry('max_pool2d', [n, outC, g.outH, g.outW], { kernel: 2 });
          const x = random(n * c * h * wd);
          const w = random(outC * c * k * k);
          const bias = activation === 'relu' ? random(outC) : null;
          const out = random(n * outC * p.outH * p.outW);
          expect(fused(x, w, bias, out, g, outC, activation, p)).toBe(true);
          const convOut = backend.alloc(n * outC * g.outH * g.outW);
          expect(conv(x, w, bias, convOut, g, outC, activation)).toBe(true);
          const expected = backend.alloc(out.length);
          expect(pool(convOut, p, expected)).toBe(true);
          expect(Array.from(out)).toEqual(Array.from(expected));
        }
      }
    });

    it('frozen weights, packed once and kept, give the unfrozen outputs bit for bit; a released weight buffer is packed again when reused', () => {
      const g = conv2dGeometry('conv2d', [3, 32, 14, 14], 3, 3, 1, 'same');
      const p = pool2dGeometry('max_pool2d', [3, 64, 14, 14], { kernel: 2 });
      const x = random(3 * 32 * 14 * 14);
      const bias = random(64);
      let w = random(64 * 32 * 9);
      for (let round = 0; round < 2; round++) {
        const plain = backend.alloc(3 * 64 * 196);
        const frozen = backend.alloc(plain.length);
        expect(conv(x, w, bias, plain, g, 64, 'relu')).toBe(true);
        expect(conv(x, w, bias, frozen, g, 64, 'relu', true)).toBe(true);
        expect(Array.from(frozen)).toEqual(Array.from(plain));
        const pooledPlain = backend.alloc(3 * 64 * 49);
        const pooledFrozen = backend.alloc(pooledPlain.length);
        expect(fused(x, w, bias, pooledPlain, g, 64, 'relu', p)).toBe(true);
        expect(fused(x, w, bias, pooledFrozen, g, 64, 'relu', p, true)).toBe(true);
        expect(Array.from(pooledFrozen)).toEqual(Array.from(pooledPlain));
        // Released, then the same memory comes back holding other weights: the kept packing must go.
        backend.release(w);
        w = random(64 * 32 * 9);
      }
    });

    it('declines windows other than 2×2 with stride 2 (the op then runs the two kernels)', () => {
      const g = conv2dGeometry('conv2d', [1, 1, 6, 6], 3, 3, 1, 'same');
      const overlapping = pool2dGeometry('max_pool2d', [1, 1, 6, 6], { kernel: 3, stride: 1 });
      expect(fused(random(36), random(9), null, backend.alloc(16), g, 1, 'relu', overlapping)).toBe(false);
    });
  });
}
