import { describe, expect, it } from 'vitest';
import { describeOptimizerConformance, makeSlots, replayGradients } from '@hyperspec/core/testing';
import { Rmsprop, rmspropDescriptor } from '../src/index.js';
import { casesOf, gradients, initial } from './pytorch-fixture.js';

describeOptimizerConformance(rmspropDescriptor);
describeOptimizerConformance(rmspropDescriptor, { options: { momentum: 0.5, centered: true, weight_decay: 0.01 } });

interface TorchRmsprop {
  lr: number;
  alpha?: number;
  eps?: number;
  momentum?: number;
  centered?: boolean;
  weight_decay?: number;
}

describe('rmsprop against PyTorch 1.13', () => {
  const cases = casesOf('RMSprop');
  it('covers every RMSprop configuration of the fixture', () => expect(cases.map((c) => c.name)).toEqual(['rmsprop', 'rmsprop_momentum_centered']));

  for (const c of cases) {
    it(`${c.name} ${JSON.stringify(c.options)}: w and b after each of 12 steps within 1e-5 relative`, () => {
      const o = c.options as unknown as TorchRmsprop;
      const rmsprop = new Rmsprop({ alpha: o.alpha ?? 0.99, eps: o.eps ?? 1e-8, momentum: o.momentum ?? 0, centered: o.centered ?? false, weight_decay: o.weight_decay ?? 0 });
      const got = replayGradients(rmsprop, makeSlots(initial), gradients, o.lr);
      c.trajectory.forEach((expected, k) => {
        for (const name of ['w', 'b'] as const) {
          expected[name].data.forEach((v, i) => expect(Math.abs(got[k][name][i] - v), `step ${k + 1} ${name}[${i}]: ${got[k][name][i]} vs ${v}`).toBeLessThanOrEqual(1e-5 * Math.abs(v)));
        }
      });
    });
  }

  it('adds weight_decay·p to the gradient (L2), as PyTorch does', () => {
    // g = 0 + 0.5·2 = 1; s = 0.01·1; step = lr·1/(√0.01 + eps) = 0.1·10 = 1.
    const rmsprop = new Rmsprop({ alpha: 0.99, eps: 0, momentum: 0, centered: false, weight_decay: 0.5 });
    expect(replayGradients(rmsprop, makeSlots({ p: [2] }), [{ p: [0] }], 0.1)[0].p[0]).toBeCloseTo(1, 5);
  });
});
