import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import { createContainer, EngineToken } from '@hyperspec/core';
import { add, matmul, mean, mul, relu, sum, tanh } from '@hyperspec/core/tensor';

function engine() {
  return createContainer([cpu]).get(EngineToken);
}

describe('engine', () => {
  it('computes gradients of a small graph by reverse mode', () => {
    const e = engine();
    const w = e.variable([1, 2, 3, 4], [2, 2]);
    e.scope(() => {
      const x = e.tensor([1, -1, 2, 0.5], [2, 2]);
      const y = mean(tanh(matmul(x, w)));
      e.backward(y);
    });
    // d/dW mean(tanh(xW)) = xᵀ (1 − tanh²(xW)) / 4
    const xw = [1 * 1 + -1 * 3, 1 * 2 + -1 * 4, 2 * 1 + 0.5 * 3, 2 * 2 + 0.5 * 4];
    const d = xw.map((v) => (1 - Math.tanh(v) ** 2) / 4);
    const x = [1, -1, 2, 0.5];
    const expected = [x[0] * d[0] + x[2] * d[2], x[0] * d[1] + x[2] * d[3], x[1] * d[0] + x[3] * d[2], x[1] * d[1] + x[3] * d[3]];
    expect(w.grad!.toArray().map((v, i) => v - expected[i]).every((v) => Math.abs(v) < 1e-6)).toBe(true);
  });

  it('releases every temporary when a scope ends', () => {
    const e = engine();
    const w = e.variable([1, 2, 3], [3]);
    const before = e.backend.stats().live;
    for (let i = 0; i < 5; i++) {
      e.scope(() => {
        const y = sum(relu(mul(add(w, e.tensor([1, 1, 1], [3])), w)));
        e.backward(y);
      });
    }
    // Only w's gradient buffer (made on the first backward) remains.
    expect(e.backend.stats().live).toBe(before + 1);
    const created = e.backend.stats().created;
    e.scope(() => e.backward(sum(relu(mul(add(w, e.tensor([1, 1, 1], [3])), w)))));
    expect(e.backend.stats().created).toBe(created);
  });
});
