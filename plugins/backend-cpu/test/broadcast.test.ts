import { describe, expect, it } from 'vitest';
import { cpuKernels } from '@hyperspec/backend-cpu';

/** Every shape of the given rank whose axes are 1 or the output's size. */
function shapesUnder(out: number[]): number[][] {
  return Array.from({ length: 1 << out.length }, (_, mask) => out.map((d, i) => (mask & (1 << i) ? 1 : d)));
}

/** Index of an output position in an operand of `shape` (broadcast axes read index 0). */
function sourceIndex(i: number, out: number[], shape: number[]): number {
  let rest = i;
  let src = 0;
  let stride = 1;
  for (let d = out.length - 1; d >= 0; d--) {
    const pos = rest % out[d];
    rest = Math.floor(rest / out[d]);
    if (shape[d] !== 1) src += pos * stride;
    stride *= shape[d];
  }
  return src;
}

// The CPU kernels merge axes before looping; every pattern of broadcast axes must still read the
// right elements.
describe('cpu broadcasting kernels', () => {
  const out = [2, 3, 1, 4, 5];
  const size = out.reduce((a, b) => a * b, 1);
  const values = (shape: number[], offset: number) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => offset + i * 0.5);

  it('binary ops read the right elements for every pattern of broadcast axes', () => {
    for (const aShape of shapesUnder(out)) {
      for (const bShape of shapesUnder(out)) {
        const a = values(aShape, 1);
        const b = values(bShape, -7);
        // The kernels are called with the broadcast of the two shapes, as core's ops do.
        const outShape = aShape.map((d, i) => Math.max(d, bShape[i]));
        const n = outShape.reduce((x, y) => x * y, 1);
        for (const [op, f] of [['sub', (x: number, y: number) => x - y], ['max', Math.max]] as const) {
          const result = new Float32Array(n).fill(NaN);
          cpuKernels.binary(op, a, aShape, b, bShape, result, outShape);
          const expected = Array.from({ length: n }, (_, i) => f(a[sourceIndex(i, outShape, aShape)], b[sourceIndex(i, outShape, bShape)]));
          expect(Array.from(result), `${op} [${aShape}] [${bShape}]`).toEqual(expected);
        }
      }
    }
  });

  it('broadcastTo repeats along every pattern of broadcast axes', () => {
    for (const shape of shapesUnder(out)) {
      const x = values(shape, 3);
      const result = new Float32Array(size).fill(NaN);
      cpuKernels.broadcastTo(x, shape, result, out);
      expect(Array.from(result), `[${shape}]`).toEqual(Array.from({ length: size }, (_, i) => x[sourceIndex(i, out, shape)]));
    }
  });
});
