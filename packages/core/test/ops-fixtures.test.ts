import { describe, expect, it } from 'vitest';
import { CpuBackend } from '@hyperspec/backend-cpu';
import { Engine, max, maxPool2d, maximum, sum } from '@hyperspec/core/tensor';
import { describeOpFixtures } from '@hyperspec/core/testing';

// Every case of ops.json through core's ops on the reference backend: output, backward gradients
// (atol 1e-5, rtol 1e-4) and finite differences.
describeOpFixtures(() => new CpuBackend());

// Where finite differences cannot decide (the inputs tie), the documented rule must hold.
describe('gradients at ties', () => {
  const engine = () => new Engine(new CpuBackend());

  it('maximum sends the gradient to the first input where a ≥ b', () => {
    const e = engine();
    const a = e.variable([1, 2, 3], [3]);
    const b = e.variable([1, 5, 0], [3]);
    e.backward(sum(maximum(a, b)));
    expect(a.grad!.toArray()).toEqual([1, 0, 1]);
    expect(b.grad!.toArray()).toEqual([0, 1, 0]);
  });

  it('max along an axis and max pooling send it to the first maximal element', () => {
    const e = engine();
    const x = e.variable([2, 7, 7, 1], [1, 4]);
    e.backward(sum(max(x, 1)));
    expect(x.grad!.toArray()).toEqual([0, 1, 0, 0]);
    const image = e.variable([3, 3, 3, 3], [1, 1, 2, 2]);
    e.backward(sum(maxPool2d(image, { kernel: 2 })));
    expect(image.grad!.toArray()).toEqual([1, 0, 0, 0]);
  });
});
