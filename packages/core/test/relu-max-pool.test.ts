import { afterAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '@hyperspec/backend-cpu';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { Engine, fusedKernel, maxPool2d, reluMaxPool2dGradKernel, reluMaxPool2dKernel, mul, pool2dGeometry, relu, reluMaxPool2d, sum, type Backend, type Pool2dOptions, type Tensor } from '@hyperspec/core/tensor';

// maxPool2d(relu(z)) in one pass (reluMaxPool2d), and maxPool2d's backward straight to z when its input
// is a ReLU's output, against the unfused kernels called one by one: ReLU, pooling with argmax; then the
// scatter of dy at the argmax and ReLU's gate on z. Same bits, forward and gradient: on wasm through its
// fused relu_max_pool2d / relu_max_pool2d_grad kernels, on cpu through the plain kernels they replace.

const wasm = new WasmBackend({ threads: 2 });
afterAll(() => wasm.dispose());
const backends: [string, Backend][] = [['cpu', new CpuBackend()], ['wasm', wasm]];

/** Values with negatives, exact zeros and ties inside windows (the cases where argmax choices differ). */
function values(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const r = s % 9;
    return r < 2 ? 0 : r < 4 ? -(r + 0.5) : r === 8 ? 1.5 : (s % 1000) / 250 - 2;
  });
}

/** The unfused computation on plain kernels: out = pool(relu(z)); dz = gate(scatter(dy at argmax), z). */
function reference(b: Backend, z: number[], shape: number[], o: Pool2dOptions, dy: number[]): { out: number[]; dz: number[] } {
  const g = pool2dGeometry('max_pool2d', shape, o);
  const k = b.kernels;
  const zd = b.alloc(z.length);
  zd.set(z);
  const r = b.alloc(z.length);
  k.unary('relu', zd, r, 0);
  const out = b.alloc(dy.length);
  const store = b.alloc(dy.length);
  const argmax = new Int32Array(store.buffer, store.byteOffset, dy.length);
  k.maxPool2d(r, g, out, argmax);
  const dyd = b.alloc(dy.length);
  dyd.set(dy);
  const scattered = b.alloc(z.length);
  k.maxPool2dGrad(dyd, argmax, scattered, g);
  const dz = b.alloc(z.length);
  k.binary('gate', scattered, shape, zd, shape, dz, shape);
  const result = { out: Array.from(out), dz: Array.from(dz) };
  for (const buffer of [zd, r, out, store, dyd, scattered, dz]) b.release(buffer);
  return result;
}

const cases: { shape: number[]; pool: Pool2dOptions }[] = [
  { shape: [2, 3, 6, 7], pool: { kernel: 2 } },
  // Overlapping windows: an element can be the maximum of several windows (the scatter sums).
  { shape: [1, 2, 6, 6], pool: { kernel: 3, stride: 1 } },
  { shape: [3, 2, 7, 5], pool: { kernel: 3, stride: 2 } },
  // Large enough to split across the wasm backend's threads; odd sides (a row and a column in no window).
  { shape: [8, 16, 26, 26], pool: { kernel: 2 } },
  { shape: [16, 16, 11, 11], pool: { kernel: 2 } },
];

describe.each(backends)('relu + max pooling in one pass (%s)', (name, backend) => {
  const e = new Engine(backend);

  it('runs on the backend\'s fused kernels where it has them (wasm)', () => {
    expect(!!fusedKernel(backend, reluMaxPool2dKernel) && !!fusedKernel(backend, reluMaxPool2dGradKernel)).toBe(name === 'wasm');
  });

  /** Output and dz of `f(z)` with a sum(out · dy) loss, so the incoming gradient is dy. */
  function run(f: (z: Tensor) => Tensor, z: number[], shape: number[], dy: number[]): { out: number[]; dz: number[] } {
    const zt = e.variable(z, shape);
    const result = e.scope(() => {
      const out = f(zt);
      e.backward(sum(mul(out, e.tensor(dy, out.shape))));
      return out.toArray();
    });
    const dz = zt.grad!.toArray();
    zt.grad!.dispose();
    zt.dispose();
    return { out: result, dz };
  }

  it.each(cases)('$shape, $pool: reluMaxPool2d and maxPool2d(relu) give the unfused values and gradient, bit for bit', ({ shape, pool }) => {
    const size = shape.reduce((a, d) => a * d, 1);
    const z = values(size, size);
    const g = pool2dGeometry('max_pool2d', shape, pool);
    const dy = values(g.n * g.c * g.outH * g.outW, 7).map((v) => v + 0.25);
    const expected = reference(backend, z, shape, pool, dy);
    expect(expected.dz.some((v) => v !== 0)).toBe(true);
    expect(run((t) => reluMaxPool2d(t, pool), z, shape, dy)).toEqual(expected);
    expect(run((t) => maxPool2d(relu(t), pool), z, shape, dy)).toEqual(expected);
  });

  it('adds the gradient of another use of the ReLU output (its own backward still runs for that use)', () => {
    const shape = [2, 3, 6, 6];
    const z = values(216, 3);
    const dy = values(54, 5);
    const other = values(216, 11);
    const pooled = reference(backend, z, shape, { kernel: 2 }, dy);
    const zt = e.variable(z, shape);
    e.scope(() => {
      const r = relu(zt);
      const out = maxPool2d(r, { kernel: 2 });
      e.backward(sum(mul(out, e.tensor(dy, out.shape))));
      e.backward(sum(mul(r, e.tensor(other, shape))));
    });
    // The second use's gradient is `other` where z > 0.
    const expected = pooled.dz.map((v, i) => Math.fround(v + (z[i] > 0 ? Math.fround(other[i]) : 0)));
    expect(zt.grad!.toArray()).toEqual(expected);
    zt.grad!.dispose();
    zt.dispose();
  });

  it('without a gradient to record (inference) gives the same window maxima', () => {
    const shape = [4, 8, 12, 12];
    const z = values(4 * 8 * 144, 2);
    const expected = reference(backend, z, shape, { kernel: 2 }, new Array(4 * 8 * 36).fill(0)).out;
    const out = e.noGrad(() => e.scope(() => reluMaxPool2d(e.tensor(z, shape), { kernel: 2 }).toArray()));
    expect(out).toEqual(expected);
  });
});
