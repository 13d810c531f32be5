import { afterAll, describe, expect, it } from 'vitest';
import { cpuKernels } from '@hyperspec/backend-cpu';
import { denseForwardKernel, fusedKernel, matmulAccumulateKernel } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { expectClose } from './compare.js';
import { mulberry32, randomBuffer } from './random.js';

// The matrix products of the wasm backend against the reference CPU kernels on the same random
// inputs: |wasm − cpu| ≤ 1e-5 · max(1, |cpu|) (more for long sums), for both kernel modules (relaxed
// SIMD with FMA and a 6×8 gemm tile, plain SIMD with a 4×8 tile). A split threshold of 1 makes even
// test-sized products run in chunks on both threads.
const rand = mulberry32(4321);

for (const kernelModule of ['relaxed-simd', 'simd'] as const) {
  describe(`wasm matrix products (${kernelModule} module) agree with the cpu kernels`, () => {
    const backend = new WasmBackend({ threads: 2, matmulSplitWork: 1, relaxedSimd: kernelModule === 'relaxed-simd' });
    const k = backend.kernels;
    afterAll(() => backend.dispose());

    const random = (size: number, lo?: number, hi?: number) => randomBuffer(backend, rand, size, lo, hi);
    /** One product of random operands, wasm against cpu (the wasm output starts as garbage: it is overwritten). */
    const expectSameProduct = (m: number, kk: number, n: number, transA: boolean, transB: boolean, tolerance?: number) => {
      const a = random(m * kk, -1, 1);
      const b = random(kk * n, -1, 1);
      const out = random(m * n);
      const ref = new Float32Array(m * n);
      k.matmul(a, b, out, m, kk, n, transA, transB);
      cpuKernels.matmul(a, b, ref, m, kk, n, transA, transB);
      expectClose(out, ref, tolerance);
    };
    /** The same for an image-major product (one operand NCHW with `positions` per image). */
    const expectSameNchwProduct = (nchw: 'a' | 'b' | 'out', m: number, kk: number, n: number, positions: number, transA: boolean, transB: boolean) => {
      const a = random(m * kk, -1, 1);
      const b = random(kk * n, -1, 1);
      const out = random(m * n);
      const ref = new Float32Array(m * n);
      k.matmulNchw(a, b, out, m, kk, n, transA, transB, nchw, positions);
      cpuKernels.matmulNchw(a, b, ref, m, kk, n, transA, transB, nchw, positions);
      expectClose(out, ref, 3e-5);
    };

    it('runs the requested module', () => {
      expect(backend.kernelModule).toBe(kernelModule);
    });

    it('matmul, every transpose variant, edge and split sizes', () => {
      const sizes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [4, 8, 8], [6, 9, 8], [9, 13, 17], [12, 300, 16], [33, 70, 65], [130, 64, 90], [121, 40, 24], [64, 200, 40], [7, 0, 5]];
      for (const [m, kk, n] of sizes) {
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            expectSameProduct(m, kk, n, transA, transB);
          }
        }
      }
    });

    it('fused dense forward (bias and ReLU applied as the product is stored), edge, split and multi-k-block sizes', () => {
      for (const [m, kk, n] of [[1, 1, 1], [3, 5, 7], [33, 70, 65], [130, 300, 90], [64, 784, 256], [7, 0, 5]]) {
        for (const withBias of [true, false]) {
          for (const activation of ['relu', 'linear'] as const) {
            const x = random(m * kk, -1, 1);
            const w = random(kk * n, -1, 1);
            const bias = withBias ? random(n, -1, 1) : null;
            const out = backend.alloc(m * n);
            fusedKernel(backend, denseForwardKernel)!(x, w, bias, out, m, kk, n, activation);
            const ref = new Float32Array(m * n);
            cpuKernels.matmul(x, w, ref, m, kk, n, false, false);
            for (let i = 0; i < ref.length; i++) {
              const z = Math.fround(ref[i] + (bias ? bias[i % n] : 0));
              ref[i] = activation === 'relu' ? (z > 0 ? z : 0) : z;
            }
            // k up to 784: the same f32 accumulation allowance as plain matmul over several k-blocks.
            expectClose(out, ref, 3e-5);
          }
        }
      }
    });

    it('A·Bᵀ with few long columns (the row-dot path: n ≤ 16, k ≥ 512), with edge rows and columns', () => {
      for (const [m, kk, n] of [[32, 1000, 9], [7, 515, 3], [1, 600, 1], [13, 2049, 16]]) {
        const a = random(m * kk, -1, 1);
        const b = random(n * kk, -1, 1);
        const out = backend.alloc(m * n);
        const ref = new Float32Array(m * n);
        k.matmul(a, b, out, m, kk, n, false, true);
        cpuKernels.matmul(a, b, ref, m, kk, n, false, true);
        expectClose(out, ref, 2e-5);
      }
    });

    it('matmulNchw with each operand NCHW: runs straddling images, edge tiles, several k-blocks, the row-dot path', () => {
      // [nchw, m, k, n, positions]: conv2d's forward ('out'), input gradient ('b') and weight gradient ('a').
      const cases: ['a' | 'b' | 'out', number, number, number, number][] = [
        ['out', 13, 9, 5 * 11, 11], ['out', 64, 300, 3 * 121, 121], ['out', 7, 20, 4 * 8, 8], ['out', 6, 3, 2 * 3, 3],
        ['b', 40, 13, 5 * 11, 11], ['b', 300, 64, 2 * 121, 121], ['b', 9, 32, 3 * 676, 676],
        ['a', 13, 5 * 11, 40, 11], ['a', 64, 3 * 121, 300, 121], ['a', 32, 2 * 676, 9, 676], ['a', 7, 3 * 257, 5, 257],
      ];
      for (const [nchw, m, kk, n, positions] of cases) {
        for (const trans of [false, true]) {
          const transA = nchw !== 'a' && trans;
          const transB = nchw !== 'b' && trans;
          expectSameNchwProduct(nchw, m, kk, n, positions, transA, transB);
        }
      }
    });

    it('products split into more chunks than threads (the unsplit operand packed once and shared), plain and image-major', () => {
      // m < n: chunks of columns share one packed A; m > n: chunks of rows share one packed B (each ≥ 16 Ki floats).
      // Products below 2^24 multiply-adds with a split side of at most 1024 (W-MLP's [64, 784, 256] and
      // [784, 64, 256], and [40, 500, 600]) are cut into one equal block per thread instead, without packing.
      for (const [m, kk, n] of [[40, 500, 1100], [1100, 500, 40], [64, 784, 256], [784, 64, 256], [40, 500, 600], [250, 300, 260]]) {
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            expectSameProduct(m, kk, n, transA, transB, 3e-5);
          }
        }
      }
      const cases: ['a' | 'b', number, number, number, number][] = [['a', 48, 3 * 121, 1100, 121], ['b', 1100, 80, 2 * 121, 121], ['b', 600, 80, 2 * 121, 121]];
      for (const [nchw, m, kk, n, positions] of cases) {
        expectSameNchwProduct(nchw, m, kk, n, positions, false, false);
      }
    });

    it('matmul_accumulate adds the product to what the output holds, every transpose variant, split and edge sizes', () => {
      const accumulate = fusedKernel(backend, matmulAccumulateKernel)!;
      for (const [m, kk, n] of [[3, 5, 7], [130, 64, 90], [784, 64, 256], [40, 500, 600], [7, 0, 5]]) {
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            const a = random(m * kk, -1, 1);
            const b = random(kk * n, -1, 1);
            const out = random(m * n, -1, 1);
            const ref = new Float32Array(m * n);
            cpuKernels.matmul(a, b, ref, m, kk, n, transA, transB);
            for (let i = 0; i < ref.length; i++) ref[i] = Math.fround(ref[i] + out[i]);
            accumulate(a, b, out, m, kk, n, transA, transB);
            expectClose(out, ref, 3e-5);
          }
        }
      }
    });

    it('matmul over more than one k-block (k = 600) stays within f32 accumulation error', () => {
      const [m, kk, n] = [20, 600, 30];
      const a = random(m * kk, -1, 1);
      const b = random(kk * n, -1, 1);
      const out = backend.alloc(m * n);
      const ref = new Float32Array(m * n);
      k.matmul(a, b, out, m, kk, n, false, false);
      cpuKernels.matmul(a, b, ref, m, kk, n, false, false);
      // Sums of 600 products in f32 versus the reference's float64 partial sums.
      expectClose(out, ref, 3e-5);
    });
  });
}
