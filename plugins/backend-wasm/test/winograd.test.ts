import { afterAll, describe, expect, it } from 'vitest';
import { conv2dForwardKernel, conv2dGeometry, conv2dInputGradKernel, conv2dMaxPoolForwardKernel, conv2dProductKernel, fusedKernel, pool2dGeometry, type Conv2dGeometry, type Conv2dPadding } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { mulberry32, randomBuffer } from './random.js';
import { expectWithinBound } from './error-bound.js';

// 3×3 stride-1 convolutions over more than one channel run by Winograd's F(2×2, 3×3) (Lavin & Gray,
// CVPR 2016; assembly/winograd.ts): the inference forward, alone and fused with the 2×2 max pooling
// after them, and the training path's forward product and input gradient. Winograd
// rounds differently from the direct sum, so the outputs are compared with the im2col path (the
// training path's im2col + product on this backend) within a bound on float32 rounding:
//   |winograd − im2col| ≤ 2⁻²⁴ · 32 · S,  S = Σ_{c,ky,kx} |w|·|x| + |bias| for that output.
// Why that bound: the direct sum has error ≤ ~(9c)·ε·S in the worst case and ~√(9c)·ε·S typically; Winograd's
// transforms multiply the terms by small constants (|U| ≤ 9/4·max|g|, |V| ≤ 4·max|d|, the output
// transform sums 9 terms) before the c-long sums, which Lavin & Gray's and later error analyses put
// within a small constant of the direct error for F(2×2, 3×3). 32·ε·S is ~5× the largest error
// seen over these cases (c up to 32), and ~2000× below a wrong tap or a lost channel (|w|·|x| ~ S/(9c)).
const rand = mulberry32(2016);
const BOUND = 32;

for (const threads of [2, 1]) {
  describe(`wasm Winograd convolution (${threads} thread${threads > 1 ? 's' : ''})`, () => {
    const backend = new WasmBackend({ threads, matmulSplitWork: 1 });
    afterAll(() => backend.dispose());
    const random = (size: number) => randomBuffer(backend, rand, size, -1, 1);
    const conv = fusedKernel(backend, conv2dForwardKernel)!;
    const convPool = fusedKernel(backend, conv2dMaxPoolForwardKernel)!;

    /** The im2col path's output (im2col, product, + bias, ReLU) and each output's S. */
    function im2colPath(x: Float32Array, w: Float32Array, bias: Float32Array | null, g: Conv2dGeometry, outC: number, relu: boolean): { y: Float32Array; s: Float64Array } {
      const positions = g.outH * g.outW;
      const patch = g.c * 9;
      const cols = backend.alloc(patch * g.n * positions);
      backend.kernels.im2col(x, g, cols);
      const product = backend.alloc(outC * g.n * positions);
      backend.kernels.matmul(w, cols, product, outC, patch, g.n * positions, false, false);
      const y = new Float32Array(g.n * outC * positions);
      const s = new Float64Array(y.length);
      for (let b = 0; b < g.n; b++) {
        for (let o = 0; o < outC; o++) {
          for (let q = 0; q < positions; q++) {
            const z = Math.fround(product[o * g.n * positions + b * positions + q] + (bias ? bias[o] : 0));
            const at = (b * outC + o) * positions + q;
            y[at] = relu && !(z > 0) ? 0 : z;
            let sum = bias ? Math.abs(bias[o]) : 0;
            for (let r = 0; r < patch; r++) sum += Math.abs(w[o * patch + r] * cols[r * g.n * positions + b * positions + q]);
            s[at] = sum;
          }
        }
      }
      backend.release(cols);
      backend.release(product);
      return { y, s };
    }

    // [n, c, h, w, out channels, padding]: the MNIST CNN's second layer ('same', 14×14) and W-CNN's
    // ('valid', 13×13 → 11×11: odd, the last tile half outside); odd heights and widths whose tile rows
    // end inside a vector of four tiles; padding wider than the kernel needs; one image; many images (groups).
    const cases: [number, number, number, number, number, Conv2dPadding][] = [
      [5, 32, 14, 14, 64, 'same'], [3, 32, 13, 13, 64, 'valid'], [2, 3, 9, 7, 5, 'valid'], [2, 2, 7, 9, 7, 'same'],
      [1, 4, 5, 6, 9, 2], [9, 5, 6, 6, 3, 1], [2, 3, 3, 3, 2, 'valid'], [1, 6, 17, 23, 13, 'same'],
    ];

    it('equals the im2col path within float32 rounding, with and without bias and ReLU', () => {
      for (const [n, c, h, wd, outC, padding] of cases) {
        const g = conv2dGeometry('conv2d', [n, c, h, wd], 3, 3, 1, padding);
        for (const activation of ['relu', 'linear'] as const) {
          const x = random(n * c * h * wd);
          const w = random(outC * c * 9);
          const bias = activation === 'relu' ? random(outC) : null;
          const out = random(n * outC * g.outH * g.outW);
          for (const frozen of [false, true]) {
            expect(conv(x, w, bias, out, g, outC, activation, frozen)).toBe(true);
            const { y, s } = im2colPath(x, w, bias, g, outC, activation === 'relu');
            expectWithin(out, y, s, `${[n, c, h, wd, outC, padding].join(',')} ${activation}${frozen ? ' frozen' : ''}`);
          }
        }
      }
    });

    it('fused with 2×2 / stride-2 max pooling, equals the im2col path pooled, within the same bound', () => {
      for (const [n, c, h, wd, outC, padding] of cases) {
        const g = conv2dGeometry('conv2d', [n, c, h, wd], 3, 3, 1, padding);
        if (g.outH < 2 || g.outW < 2) continue;
        const p = pool2dGeometry('max_pool2d', [n, outC, g.outH, g.outW], { kernel: 2 });
        for (const activation of ['relu', 'linear'] as const) {
          const x = random(n * c * h * wd);
          const w = random(outC * c * 9);
          const bias = random(outC);
          const out = random(n * outC * p.outH * p.outW);
          expect(convPool(x, w, bias, out, g, outC, activation, p, true)).toBe(true);
          const { y, s } = im2colPath(x, w, bias, g, outC, activation === 'relu');
          // The pooled reference, and for each window the largest S of its four outputs.
          const pooled = new Float32Array(out.length);
          const ps = new Float64Array(out.length);
          for (let plane = 0; plane < n * outC; plane++) {
            for (let py = 0; py < p.outH; py++) {
              for (let px = 0; px < p.outW; px++) {
                let best = -Infinity;
                let bound = 0;
                for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
                  const at = plane * g.outH * g.outW + (2 * py + dy) * g.outW + 2 * px + dx;
                  best = Math.max(best, y[at]);
                  bound = Math.max(bound, s[at]);
                }
                pooled[(plane * p.outH + py) * p.outW + px] = best;
                ps[(plane * p.outH + py) * p.outW + px] = bound;
              }
            }
          }
          expectWithin(out, pooled, ps, `${[n, c, h, wd, outC, padding].join(',')} ${activation} pooled`);
        }
      }
    });

    it("the training path's product (conv2d_product: + bias, no activation) equals the im2col path within the same bound", () => {
      const product = fusedKernel(backend, conv2dProductKernel)!;
      for (const [n, c, h, wd, outC, padding] of cases) {
        const g = conv2dGeometry('conv2d', [n, c, h, wd], 3, 3, 1, padding);
        const x = random(n * c * h * wd);
        const w = random(outC * c * 9);
        const bias = random(outC);
        const out = random(n * outC * g.outH * g.outW);
        expect(product(x, w, bias, out, g, outC)).toBe(true);
        const { y, s } = im2colPath(x, w, bias, g, outC, false);
        expectWithin(out, y, s, `${[n, c, h, wd, outC, padding].join(',')} product`);
      }
    });

    it('the input gradient (conv2d_input_grad: dy convolved with the rotated, channel-swapped filters) equals the sum over outputs within the same bound', () => {
      const inputGrad = fusedKernel(backend, conv2dInputGradKernel)!;
      for (const [n, c, h, wd, outC, padding] of cases) {
        const g = conv2dGeometry('conv2d', [n, c, h, wd], 3, 3, 1, padding);
        const dy = random(n * outC * g.outH * g.outW);
        const w = random(outC * c * 9);
        const dx = random(n * c * h * wd);
        expect(inputGrad(dy, w, dx, g, outC)).toBe(true);
        // dx[b, ch, i, j] = Σ_{o, ky, kx} dy[b, o, i + padTop − ky, j + padLeft − kx]·w[o, ch, ky, kx], in float64.
        const want = new Float32Array(dx.length);
        const s = new Float64Array(dx.length);
        for (let b = 0; b < n; b++) {
          for (let ch = 0; ch < c; ch++) {
            for (let i = 0; i < h; i++) {
              for (let j = 0; j < wd; j++) {
                let sum = 0;
                let abs = 0;
                for (let o = 0; o < outC; o++) {
                  for (let ky = 0; ky < 3; ky++) {
                    for (let kx = 0; kx < 3; kx++) {
                      const oy = i + g.padTop - ky, ox = j + g.padLeft - kx;
                      if (oy < 0 || oy >= g.outH || ox < 0 || ox >= g.outW) continue;
                      const term = dy[((b * outC + o) * g.outH + oy) * g.outW + ox] * w[((o * c + ch) * 3 + ky) * 3 + kx];
                      sum += term;
                      abs += Math.abs(term);
                    }
                  }
                }
                const at = ((b * c + ch) * h + i) * wd + j;
                want[at] = sum;
                s[at] = abs;
              }
            }
          }
        }
        expectWithin(dx, want, s, `${[n, c, h, wd, outC, padding].join(',')} input gradient`);
      }
    });

    it('the training kernels decline what they do not take: other windows, strides, padding beyond 2 for the input gradient (one channel: short-patch-product.test.ts)', () => {
      const product = fusedKernel(backend, conv2dProductKernel)!;
      const inputGrad = fusedKernel(backend, conv2dInputGradKernel)!;
      const g5 = conv2dGeometry('conv2d', [1, 2, 8, 8], 5, 5, 1, 'same');
      const strided = conv2dGeometry('conv2d', [1, 2, 8, 8], 3, 3, 2, 'same');
      expect(product(random(128), random(2 * 2 * 25), null, random(128), g5, 2)).toBe(false);
      expect(product(random(128), random(2 * 2 * 9), null, random(32), strided, 2)).toBe(false);
      expect(product(new Float32Array(128), random(2 * 2 * 9), null, random(128), conv2dGeometry('conv2d', [1, 2, 8, 8], 3, 3, 1, 'same'), 2)).toBe(false);
      const wide = conv2dGeometry('conv2d', [1, 2, 4, 4], 3, 3, 1, 3);
      expect(inputGrad(random(2 * 8 * 8), random(2 * 2 * 9), random(32), wide, 2)).toBe(false);
      // One output channel: the transposed convolution has one input channel.
      expect(inputGrad(random(64), random(2 * 9), random(128), conv2dGeometry('conv2d', [1, 2, 8, 8], 3, 3, 1, 'same'), 1)).toBe(false);
    });
  });
}

function expectWithin(got: Float32Array, want: Float32Array, s: Float64Array, label: string): void {
  expectWithinBound(got, want, s, BOUND, label, 'output', 'WINOGRAD_ERRORS');
}
