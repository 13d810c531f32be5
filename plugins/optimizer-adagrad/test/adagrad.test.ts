import { describe, expect, it } from 'vitest';
import { describeOptimizerConformance, makeSlots, replayGradients } from '@hyperspec/core/testing';
import { Adagrad, adagradDescriptor } from '../src/index.js';
import { casesOf, gradients, initial } from './pytorch-fixture.js';

// Adagrad's steps shrink like 1/√t, so the quadratic gets the larger rate Adagrad is usually run with.
describeOptimizerConformance(adagradDescriptor, { quadratic: { learningRate: 0.5 } });
describeOptimizerConformance(adagradDescriptor, { options: { lr_decay: 0.01, initial_accumulator_value: 0.1, weight_decay: 0.01 }, quadratic: { learningRate: 0.5 } });

describe('adagrad against PyTorch 1.13', () => {
  const cases = casesOf('Adagrad');
  it('covers every Adagrad configuration of the fixture', () => expect(cases.map((c) => c.name)).toEqual(['adagrad']));

  for (const c of cases) {
    it(`${c.name} ${JSON.stringify(c.options)}: w and b after each of 12 steps within 1e-5 relative`, () => {
      const o = c.options as { lr: number };
      const adagrad = new Adagrad({ lr_decay: 0, eps: 1e-10, initial_accumulator_value: 0, weight_decay: 0 });
      const got = replayGradients(adagrad, makeSlots(initial), gradients, o.lr);
      c.trajectory.forEach((expected, k) => {
        for (const name of ['w', 'b'] as const) {
          expected[name].data.forEach((v, i) => expect(Math.abs(got[k][name][i] - v), `step ${k + 1} ${name}[${i}]: ${got[k][name][i]} vs ${v}`).toBeLessThanOrEqual(1e-5 * Math.abs(v)));
        }
      });
    });
  }

  it('decays the rate as lr / (1 + (t − 1)·lr_decay) and starts the sum at initial_accumulator_value', () => {
    const adagrad = new Adagrad({ lr_decay: 1, eps: 0, initial_accumulator_value: 3, weight_decay: 0 });
    const got = replayGradients(adagrad, makeSlots({ p: [0] }), [{ p: [1] }, { p: [1] }], 1).map((s) => s.p[0]);
    // Step 1: sum 4, p −= 1·1/2. Step 2: sum 5, rate 1/2, p −= 0.5/√5.
    expect(got[0]).toBeCloseTo(-0.5, 6);
    expect(got[1]).toBeCloseTo(-0.5 - 0.5 / Math.sqrt(5), 6);
  });
});
