import { describe, expect, it } from 'vitest';
import type { Backend } from '@hyperspec/core/tensor';
import { makeSlots, replayGradients } from '@hyperspec/core/testing';
import { Adam, type AdamOptions, type AdamUpdate } from '../src/index.js';
import { gradients, initial } from './pytorch-fixture.js';

/** A backend stand-in whose fused kernel does the update in float32 and records its calls. */
function fakeBackend() {
  const calls: { size: number; lr: number; step: number; weightDecay: number }[] = [];
  let allocated = 0;
  const adamUpdate: AdamUpdate = (p, g, m, v, lr, beta1, beta2, eps, step, weightDecay) => {
    calls.push({ size: p.length, lr, step, weightDecay });
    const f = Math.fround;
    for (let i = 0; i < p.length; i++) {
      const gi = f(g[i] + f(weightDecay * p[i]));
      m[i] = f(beta1 * m[i]) + f((1 - beta1) * gi);
      v[i] = f(beta2 * v[i]) + f((1 - beta2) * gi * gi);
      p[i] = f(p[i] - f(f(lr / (1 - beta1 ** step)) * m[i]) / f(f(Math.sqrt(v[i]) / Math.sqrt(1 - beta2 ** step)) + eps));
    }
  };
  const backend = {
    alloc: (size: number) => {
      allocated += size;
      return new Float32Array(size).fill(Number.NaN); // unspecified contents: Adam must zero them
    },
    fused: { adam_update: adamUpdate },
  } satisfies Pick<Backend, 'alloc' | 'fused'>;
  return { backend, calls, allocated: () => allocated };
}

const options: AdamOptions = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.1, amsgrad: false };

describe('adam with a backend that has the fused adam_update kernel', () => {
  for (const decoupled of [false, true]) {
    it(`${decoupled ? 'adamw' : 'adam'}: calls the kernel per parameter and step, with moments from backend memory, and tracks the loop`, () => {
      const fake = fakeBackend();
      const fused = replayGradients(new Adam(options, decoupled, fake.backend), makeSlots(initial), gradients, 0.01);
      const loop = replayGradients(new Adam(options, decoupled), makeSlots(initial), gradients, 0.01);
      expect(fake.allocated()).toBe(2 * (12 + 3));
      expect(fake.calls).toHaveLength(2 * gradients.length);
      expect(fake.calls.slice(0, 4)).toEqual([
        { size: 12, lr: 0.01, step: 1, weightDecay: decoupled ? 0 : 0.1 },
        { size: 3, lr: 0.01, step: 1, weightDecay: decoupled ? 0 : 0.1 },
        { size: 12, lr: 0.01, step: 2, weightDecay: decoupled ? 0 : 0.1 },
        { size: 3, lr: 0.01, step: 2, weightDecay: decoupled ? 0 : 0.1 },
      ]);
      loop.forEach((expected, k) => {
        for (const name of ['w', 'b']) expected[name].forEach((v, i) => expect(Math.abs(fused[k][name][i] - v)).toBeLessThan(1e-6 * Math.max(1, Math.abs(v))));
      });
    });
  }

  it('keeps the plain loop for amsgrad, which the kernel does not do', () => {
    const fake = fakeBackend();
    replayGradients(new Adam({ ...options, amsgrad: true }, false, fake.backend), makeSlots(initial), gradients.slice(0, 2), 0.01);
    expect(fake.calls).toHaveLength(0);
    expect(fake.allocated()).toBe(0);
  });
});
