import { describe, expect, it } from 'vitest';
import { cpuKernels } from '@hyperspec/backend-cpu';
import type { Conv2dGeometry } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { HelperThreads, OP_UNARY } from '../src/helper-threads.js';
import { compileKernelModule, instantiateKernels } from '../src/kernel-module.js';
import { UNARY_CODES } from '../src/op-codes.js';
import { WasmHeap } from '../src/wasm-heap.js';

// The helper thread computes on buffers the main thread may have allocated a moment before, in
// pages the shared memory gained by growing. Every size below is new, so each round grows the memory
// and the split kernel immediately touches the new pages from the helper thread.
describe('wasm backend helper threads', () => {
  it('computes split kernels on buffers in freshly grown memory', () => {
    const backend = new WasmBackend({ threads: 2, matmulSplitWork: 1 });
    const k = backend.kernels;
    const g: Conv2dGeometry = { n: 64, c: 4, h: 12, w: 12, kh: 3, kw: 3, strideH: 1, strideW: 1, padTop: 0, padLeft: 0, outH: 10, outW: 10 };
    const colsSize = 64 * 100 * 36;
    const imageSize = 64 * 4 * 144;
    const before = backend.memoryBytes;
    const cols = backend.alloc(colsSize);
    for (let i = 0; i < colsSize; i++) cols[i] = (i % 7) - 3;
    const expected = new Float32Array(imageSize);
    cpuKernels.col2im(cols, g, expected);
    const rounds = 40;
    const images: Float32Array[] = [];
    const products: Float32Array[] = [];
    // Grow, then at once hand the helper a kernel that writes the new pages (checks come after the
    // loop, so the helper is still polling for work, not asleep, when each task arrives).
    for (let round = 0; round < rounds; round++) {
      const image = backend.alloc(imageSize + round + 1).subarray(0, imageSize);
      k.col2im(cols, g, image);
      images.push(image);
      const c = backend.alloc(96 * 80 + round + 1).subarray(0, 96 * 80);
      k.matmul(cols, cols, c, 96, 0, 80, false, false); // k = 0: the helper zeroes its half
      products.push(c);
    }
    for (const image of images) expect(Array.from(image)).toEqual(Array.from(expected));
    for (const c of products) expect(c.every((v) => v === 0)).toBe(true);
    expect(backend.memoryBytes).toBeGreaterThan(before + rounds * 4 * imageSize);
    backend.dispose();
  });

  // Tasks follow each other faster than the helpers wake or finish: a chunk computed with the
  // arguments of the wrong task, or a task returned before its last chunk, shows as a wrong product.
  // Four threads on a smaller machine also have helpers descheduled in the middle of a chunk.
  it.each([2, 4])('gives every back-to-back split product the right result (%i threads)', (threads) => {
    const backend = new WasmBackend({ threads, matmulSplitWork: 1 });
    const k = backend.kernels;
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const shapes = [[9, 5, 130], [140, 3, 17], [64, 20, 64], [33, 1, 200], [200, 7, 9]];
    const cases = shapes.map(([m, kk, n]) => {
      const a = backend.alloc(m * kk);
      const b = backend.alloc(kk * n);
      for (let i = 0; i < a.length; i++) a[i] = next();
      for (let i = 0; i < b.length; i++) b[i] = next();
      const expected = new Float32Array(m * n);
      cpuKernels.matmul(a, b, expected, m, kk, n, false, false);
      return { m, kk, n, a, b, expected, out: backend.alloc(m * n) };
    });
    let wrong = 0;
    for (let round = 0; round < 2000; round++) {
      const c = cases[round % cases.length];
      c.out.fill(NaN);
      k.matmul(c.a, c.b, c.out, c.m, c.kk, c.n, false, false);
      for (let i = 0; i < c.out.length; i++) if (!(Math.abs(c.out[i] - c.expected[i]) <= 1e-5)) wrong++;
    }
    expect(wrong).toBe(0);
    backend.dispose();
  });

  // Posting a task notifies only when a helper is asleep (it counts itself in SLEEPING first). Here the
  // main thread computes no chunk, so run() can only return once a helper, asleep after its polling,
  // has been woken and has computed the task: a missed wake-up hangs the test (and fails it).
  it('wakes helpers that went to sleep between tasks', () => {
    const module = compileKernelModule('simd');
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 1024, shared: true });
    const wasm = instantiateKernels(module, memory);
    const heap = new WasmHeap(memory, wasm.heapBase());
    const helper = new HelperThreads(module, heap, wasm.SCRATCH_FLOATS.value as number, 2, () => 0);
    expect(helper.available()).toBe(true);
    const x = heap.floats(1000);
    const out = heap.floats(1000);
    const bounds = Int32Array.of(0, 500, 1000);
    const idle = new Int32Array(new SharedArrayBuffer(4));
    for (let round = 1; round <= 3; round++) {
      x.fill(round);
      // Longer than a helper polls (about a millisecond) before it sleeps.
      Atomics.wait(idle, 0, 0, 100);
      helper.run(OP_UNARY, [UNARY_CODES.neg, x.byteOffset, out.byteOffset, 0, 0], [0], bounds, 2);
      expect(out.every((v) => v === -round)).toBe(true);
    }
    helper.dispose();
  });

  it('keeps working on the main thread after dispose', () => {
    const backend = new WasmBackend({ threads: 2, matmulSplitWork: 1 });
    const a = backend.alloc(64 * 64).fill(1);
    const out = backend.alloc(64 * 64);
    backend.kernels.matmul(a, a, out, 64, 64, 64, false, false);
    expect(out[0]).toBe(64);
    backend.dispose();
    out.fill(0);
    backend.kernels.matmul(a, a, out, 64, 64, 64, false, false);
    expect(out[4095]).toBe(64);
  });
});
