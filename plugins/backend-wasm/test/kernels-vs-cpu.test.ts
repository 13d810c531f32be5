import { afterAll, describe, expect, it } from 'vitest';
import { cpuKernels } from '@hyperspec/backend-cpu';
import { fillBufferKernel, fusedKernel, type BinaryOp, type Conv2dGeometry, type UnaryOp } from '@hyperspec/core/tensor';
import { adamUpdateKernel } from '@hyperspec/optimizer-adam';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { expectClose } from './compare.js';
import { mulberry32, randomBuffer } from './random.js';

// Every kernel of the wasm backend but the matrix products (gemm-vs-cpu.test.ts) against the
// reference CPU kernel on the same random inputs:
// |wasm − cpu| ≤ 1e-5 · max(1, |cpu|), for both kernel modules (relaxed SIMD with FMA and a 6×8 gemm
// tile, plain SIMD with a 4×8 tile). Split thresholds of 1 make even test-sized kernels run in
// chunks on both threads, so the split paths (and the chunk boundaries of every broadcast mode,
// pooling plane and swapped axis) are checked too.
const rand = mulberry32(1234);

for (const kernelModule of ['relaxed-simd', 'simd'] as const) {
  describe(`wasm kernels (${kernelModule} module) agree with the cpu kernels`, () => {
    const backend = new WasmBackend({ threads: 2, matmulSplitWork: 1, elementSplitWork: 1, relaxedSimd: kernelModule === 'relaxed-simd' });
    const k = backend.kernels;
    afterAll(() => backend.dispose());

    const random = (size: number, lo?: number, hi?: number) => randomBuffer(backend, rand, size, lo, hi);

    it('runs the requested module', () => {
      expect(backend.kernelModule).toBe(kernelModule);
    });

    it('unary, every op, with a ragged length', () => {
      const ops: UnaryOp[] = ['neg', 'exp', 'log', 'sqrt', 'abs', 'square', 'reciprocal', 'relu', 'sigmoid', 'tanh', 'leaky_relu', 'elu', 'gelu', 'softplus', 'step', 'leaky_relu_grad', 'elu_grad', 'gelu_grad', 'softplus_grad'];
      for (const op of ops) {
        const positive = op === 'log' || op === 'sqrt';
        const x = random(103, positive ? 0.01 : -3, 3);
        const out = backend.alloc(103);
        const ref = new Float32Array(103);
        k.unary(op, x, out, 0.2);
        cpuKernels.unary(op, x, ref, 0.2);
        expectClose(out, ref);
      }
    });

    it('binary, every op, in every broadcast pattern', () => {
      const ops: BinaryOp[] = ['add', 'sub', 'mul', 'div', 'max', 'min', 'pow', 'gate'];
      const cases: [number[], number[], number[]][] = [
        [[6, 7], [6, 7], [6, 7]], // same shape
        [[6, 7], [], [6, 7]], // scalar b
        [[], [6, 7], [6, 7]], // scalar a
        [[6, 7], [7], [6, 7]], // row b (bias)
        [[7], [6, 7], [6, 7]], // row a
        [[2, 3, 4, 5], [1, 3, 1, 1], [2, 3, 4, 5]], // per-channel vector (conv bias)
        [[6, 1], [6, 7], [6, 7]], // column: general path
        [[2, 1, 5], [3, 1], [2, 3, 5]], // general path
      ];
      for (const op of ops) {
        for (const [as, bs, os] of cases) {
          const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
          const lo = op === 'pow' ? 0.1 : -2;
          const a = random(size(as), lo, 2);
          const b = random(size(bs), op === 'pow' ? -2 : lo, 2);
          const rank = os.length;
          const pad = (s: number[]) => [...new Array<number>(rank - s.length).fill(1), ...s];
          const out = backend.alloc(size(os));
          const ref = new Float32Array(size(os));
          k.binary(op, a, pad(as), b, pad(bs), out, os);
          cpuKernels.binary(op, a, pad(as), b, pad(bs), ref, os);
          expectClose(out, ref);
        }
      }
    });

    it('reduce sum and max over contiguous and strided axes', () => {
      for (const op of ['sum', 'max'] as const) {
        for (const [outer, len, inner] of [[5, 37, 1], [3, 4, 9], [1, 1, 1], [2, 64, 1], [4, 6, 16]]) {
          const x = random(outer * len * inner);
          const out = backend.alloc(outer * inner);
          const ref = new Float32Array(outer * inner);
          k.reduce(op, x, outer, len, inner, out);
          cpuKernels.reduce(op, x, outer, len, inner, ref);
          expectClose(out, ref);
        }
      }
    });

    it('transpose (2-d and n-d) and broadcastTo', () => {
      const x = random(37 * 45);
      const out = backend.alloc(37 * 45);
      const ref = new Float32Array(37 * 45);
      k.transpose(x, [37, 45], [1, 0], out);
      cpuKernels.transpose(x, [37, 45], [1, 0], ref);
      expectClose(out, ref);
      const y = random(3 * 33 * 41);
      for (const perm of [[2, 0, 1], [0, 2, 1], [1, 0, 2]]) {
        const out3 = backend.alloc(y.length);
        const ref3 = new Float32Array(y.length);
        k.transpose(y, [3, 33, 41], perm, out3);
        cpuKernels.transpose(y, [3, 33, 41], perm, ref3);
        expectClose(out3, ref3);
      }
      const row = random(4);
      const b = backend.alloc(12);
      const bref = new Float32Array(12);
      k.broadcastTo(row, [1, 4], b, [3, 4]);
      cpuKernels.broadcastTo(row, [1, 4], bref, [3, 4]);
      expectClose(b, bref);
    });

    it('softmax, log-softmax, softmax cross-entropy, pick', () => {
      const [rows, cols] = [9, 11];
      const x = random(rows * cols, -5, 5);
      const labels = backend.alloc(rows);
      for (let i = 0; i < rows; i++) labels[i] = Math.floor(rand() * cols);
      for (const kernel of ['softmax', 'logSoftmax'] as const) {
        const out = backend.alloc(rows * cols);
        const ref = new Float32Array(rows * cols);
        k[kernel](x, rows, cols, out);
        cpuKernels[kernel](x, rows, cols, ref);
        expectClose(out, ref);
      }
      const loss = backend.alloc(rows);
      const probs = backend.alloc(rows * cols);
      const lref = new Float32Array(rows);
      const pref = new Float32Array(rows * cols);
      k.softmaxCrossEntropy(x, labels, rows, cols, loss, probs);
      cpuKernels.softmaxCrossEntropy(x, labels, rows, cols, lref, pref);
      expectClose(loss, lref);
      expectClose(probs, pref);
      const picked = backend.alloc(rows);
      const pickedRef = new Float32Array(rows);
      k.pick(x, labels, rows, cols, picked);
      cpuKernels.pick(x, labels, rows, cols, pickedRef);
      expectClose(picked, pickedRef);
    });

    it('im2col and col2im with stride and padding, split across threads', () => {
      const geometries: Conv2dGeometry[] = [
        { n: 3, c: 2, h: 9, w: 8, kh: 3, kw: 3, strideH: 1, strideW: 1, padTop: 1, padLeft: 1, outH: 9, outW: 8 },
        { n: 2, c: 3, h: 10, w: 11, kh: 3, kw: 2, strideH: 2, strideW: 3, padTop: 0, padLeft: 1, outH: 4, outW: 4 },
        { n: 64, c: 4, h: 12, w: 12, kh: 3, kw: 3, strideH: 1, strideW: 1, padTop: 0, padLeft: 0, outH: 10, outW: 10 },
      ];
      for (const g of geometries) {
        const x = random(g.n * g.c * g.h * g.w);
        const colsSize = g.n * g.outH * g.outW * g.c * g.kh * g.kw;
        const cols = backend.alloc(colsSize);
        const ref = new Float32Array(colsSize);
        k.im2col(x, g, cols);
        cpuKernels.im2col(x, g, ref);
        expectClose(cols, ref);
        const dcols = random(colsSize);
        const img = random(x.length);
        const imgRef = new Float32Array(x.length);
        k.col2im(dcols, g, img);
        cpuKernels.col2im(dcols, g, imgRef);
        expectClose(img, imgRef);
      }
    });

    it('max and average pooling with their gradients', () => {
      const g: Conv2dGeometry = { n: 2, c: 3, h: 7, w: 6, kh: 2, kw: 3, strideH: 2, strideW: 2, padTop: 1, padLeft: 1, outH: 4, outW: 3 };
      const x = random(g.n * g.c * g.h * g.w);
      const outSize = g.n * g.c * g.outH * g.outW;
      const out = backend.alloc(outSize);
      const ref = new Float32Array(outSize);
      const argmaxBuffer = backend.alloc(outSize);
      const argmax = new Int32Array(argmaxBuffer.buffer, argmaxBuffer.byteOffset, outSize);
      const argmaxRef = new Int32Array(outSize);
      k.maxPool2d(x, g, out, argmax);
      cpuKernels.maxPool2d(x, g, ref, argmaxRef);
      expectClose(out, ref);
      expect(Array.from(argmax)).toEqual(Array.from(argmaxRef));
      const dy = random(outSize);
      const dx = random(x.length);
      const dxRef = new Float32Array(x.length);
      k.maxPool2dGrad(dy, argmax, dx, g);
      cpuKernels.maxPool2dGrad(dy, argmaxRef, dxRef, g);
      expectClose(dx, dxRef);
      // A foreign Int32Array (not in wasm memory) takes the reference path and gives the same answer.
      const foreign = new Int32Array(outSize);
      k.maxPool2d(x, g, out, foreign);
      expect(Array.from(foreign)).toEqual(Array.from(argmaxRef));
      k.avgPool2d(x, g, out);
      cpuKernels.avgPool2d(x, g, ref);
      expectClose(out, ref);
      k.avgPool2dGrad(dy, g, dx);
      cpuKernels.avgPool2dGrad(dy, g, dxRef);
      expectClose(dx, dxRef);
    });

    it('2×2 stride-2 max pooling (vector path and tail), with ties as after a ReLU', () => {
      for (const [h, w] of [[7, 9], [26, 26], [4, 20]]) {
        const g: Conv2dGeometry = { n: 3, c: 2, h, w, kh: 2, kw: 2, strideH: 2, strideW: 2, padTop: 0, padLeft: 0, outH: h >> 1, outW: w >> 1 };
        const x = random(g.n * g.c * h * w);
        for (let i = 0; i < x.length; i += 3) x[i] = 0; // ties between zeros
        for (let i = 0; i < x.length; i++) if (x[i] < 0) x[i] = 0;
        const outSize = g.n * g.c * g.outH * g.outW;
        const out = backend.alloc(outSize);
        const ref = new Float32Array(outSize);
        const store = backend.alloc(outSize);
        const argmax = new Int32Array(store.buffer, store.byteOffset, outSize);
        const argmaxRef = new Int32Array(outSize);
        k.maxPool2d(x, g, out, argmax);
        cpuKernels.maxPool2d(x, g, ref, argmaxRef);
        expectClose(out, ref);
        expect(Array.from(argmax)).toEqual(Array.from(argmaxRef));
      }
    });

    it('fused Adam update matches the formula in plain arithmetic, with and without weight decay', () => {
      for (const weightDecay of [0, 0.01]) {
        const n = 70_001; // above the split threshold, odd length for the scalar tail
        const p = random(n);
        const g = random(n);
        const m = random(n, -0.1, 0.1);
        const v = random(n, 0, 0.1);
        const [pr, gr, mr, vr] = [p, g, m, v].map((a) => Float64Array.from(a));
        const [lr, b1, b2, eps, step] = [1e-3, 0.9, 0.999, 1e-8, 3];
        for (let t = 0; t < 2; t++) {
          fusedKernel(backend, adamUpdateKernel)!(p, g, m, v, lr, b1, b2, eps, step + t, weightDecay);
          const bc1 = 1 - b1 ** (step + t);
          const bc2 = 1 - b2 ** (step + t);
          for (let i = 0; i < n; i++) {
            const gi = gr[i] + weightDecay * pr[i];
            mr[i] = b1 * mr[i] + (1 - b1) * gi;
            vr[i] = b2 * vr[i] + (1 - b2) * gi * gi;
            pr[i] -= (lr / bc1) * mr[i] / (Math.sqrt(vr[i]) / Math.sqrt(bc2) + eps);
          }
        }
        expectClose(p, pr);
        expectClose(m, mr);
        expectClose(v, vr);
      }
    });

    it('fused Adam update with zeroGrad computes the same bits and leaves the gradient zero (split and unsplit)', () => {
      const adam = fusedKernel(backend, adamUpdateKernel)!;
      for (const n of [1_003, 70_001]) {
        const [p, g, m, v] = [random(n), random(n), random(n, -0.1, 0.1), random(n, 0, 0.1)];
        const [p2, g2, m2, v2] = [p, g, m, v].map((a) => { const c = backend.alloc(n); c.set(a); return c; });
        adam(p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, 2, 0.01);
        adam(p2, g2, m2, v2, 1e-3, 0.9, 0.999, 1e-8, 2, 0.01, true);
        expect(Array.from(p2)).toEqual(Array.from(p));
        expect(Array.from(m2)).toEqual(Array.from(m));
        expect(Array.from(v2)).toEqual(Array.from(v));
        expect(g2.every((x) => x === 0)).toBe(true);
        expect(g.some((x) => x !== 0)).toBe(true);
      }
    });

    it('fill sets every value of a buffer, vector body and ragged tail, and only that buffer', () => {
      const fill = fusedKernel(backend, fillBufferKernel)!;
      for (const size of [1, 3, 4, 7, 1000, 235_146]) {
        const out = randomBuffer(backend, rand, size);
        // Allocated after out: an overrun past out's end would reach it.
        const guard = backend.alloc(16).fill(5);
        fill(out, size === 7 ? -1.5 : 0);
        expect(out.every((v) => v === (size === 7 ? -1.5 : 0))).toBe(true);
        expect(guard.every((v) => v === 5)).toBe(true);
        backend.release(guard);
        backend.release(out);
      }
      // A plain array (not in the wasm memory) is filled too.
      const plain = new Float32Array(5).fill(2);
      fill(plain, 0);
      expect([...plain]).toEqual([0, 0, 0, 0, 0]);
    });

    it('arrays outside the wasm memory fall back to the reference kernels', () => {
      const a = Float32Array.from([1, 2, 3, 4]);
      const b = Float32Array.from([5, 6, 7, 8]);
      const out = new Float32Array(4);
      k.matmul(a, b, out, 2, 2, 2, false, false);
      expect(Array.from(out)).toEqual([19, 22, 43, 50]);
    });
  });
}
