import { describe, expect, it } from 'vitest';
import type { ParameterSlot } from '@hyperspec/core';
import { clipGradNorm, clipGradValue } from '@hyperspec/core/run';

const slots = (...grads: number[][]): ParameterSlot[] =>
  grads.map((g, i) => ({ name: `p${i}`, value: new Float32Array(g.length), grad: Float32Array.from(g) }));

describe('clipGradNorm (PyTorch clip_grad_norm_, L2)', () => {
  it('returns the global norm over all slots and scales every gradient by maxNorm / (norm + 1e-6)', () => {
    const s = slots([3, 4], [12]);
    expect(clipGradNorm(s, 6.5)).toBe(13);
    const scale = 6.5 / (13 + 1e-6);
    expect(Array.from(s[0].grad)).toEqual([Math.fround(3 * scale), Math.fround(4 * scale)]);
    expect(s[1].grad[0]).toBe(Math.fround(12 * scale));
    // The clipped norm sits just under maxNorm because of the epsilon.
    expect(Math.hypot(...s[0].grad, ...s[1].grad)).toBeCloseTo(6.5, 5);
    expect(Math.hypot(...s[0].grad, ...s[1].grad)).toBeLessThan(6.5);
  });

  it('leaves gradients bit for bit alone when the norm is below maxNorm', () => {
    const s = slots([0.1, -0.2], [0.3]);
    const before = s.map((x) => Array.from(x.grad));
    expect(clipGradNorm(s, 1)).toBeCloseTo(Math.hypot(0.1, 0.2, 0.3), 6);
    expect(s.map((x) => Array.from(x.grad))).toEqual(before);
  });

  it('still scales by maxNorm / (maxNorm + 1e-6) when the norm equals maxNorm, as PyTorch does', () => {
    const s = slots([3, 4]);
    clipGradNorm(s, 5);
    expect(s[0].grad[0]).toBe(Math.fround(3 * (5 / (5 + 1e-6))));
    expect(s[0].grad[0]).toBeLessThan(3);
  });

  it('rejects a maxNorm that is not a positive number', () => {
    expect(() => clipGradNorm(slots([1]), 0)).toThrow(/maxNorm must be a finite number > 0 \(got 0\)/);
    expect(() => clipGradNorm(slots([1]), Number.NaN)).toThrow(/maxNorm/);
  });
});

describe('clipGradValue (PyTorch clip_grad_value_)', () => {
  it('clamps each element to [−value, value] and keeps NaN as NaN', () => {
    const s = slots([-3, -0.5, 0, 0.5, 3], [Number.NaN, Number.POSITIVE_INFINITY]);
    clipGradValue(s, 1);
    expect(Array.from(s[0].grad)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(Number.isNaN(s[1].grad[0])).toBe(true);
    expect(s[1].grad[1]).toBe(1);
  });

  it('rejects a negative clip value', () => {
    expect(() => clipGradValue(slots([1]), -1)).toThrow(/value must be a finite number > 0 \(got -1\)/);
  });
});
