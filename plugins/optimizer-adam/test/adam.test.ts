import { describe, expect, it } from 'vitest';
import { describeOptimizerConformance, makeSlots, replayGradients } from '@hyperspec/core/testing';
import { Adam, adamDescriptor, adamwDescriptor } from '../src/index.js';
import { casesOf, gradients, initial } from './pytorch-fixture.js';

describeOptimizerConformance(adamDescriptor);
describeOptimizerConformance(adamDescriptor, { options: { amsgrad: true, weight_decay: 0.01 } });
describeOptimizerConformance(adamwDescriptor);

interface TorchAdam {
  lr: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  amsgrad?: boolean;
}

describe('adam and adamw against PyTorch 1.13', () => {
  const cases = [...casesOf('Adam'), ...casesOf('AdamW')];
  it('covers every Adam and AdamW configuration of the fixture', () => expect(cases.map((c) => c.name)).toEqual(['adam', 'adam_wd_l2', 'adam_amsgrad', 'adamw']));

  for (const c of cases) {
    it(`${c.name} ${JSON.stringify(c.options)}: w and b after each of 12 steps within 1e-5 relative`, () => {
      const o = c.options as unknown as TorchAdam;
      const decoupled = c.torch_class === 'AdamW';
      const adam = new Adam({
        beta1: o.betas?.[0] ?? 0.9,
        beta2: o.betas?.[1] ?? 0.999,
        eps: o.eps ?? 1e-8,
        weight_decay: o.weight_decay ?? (decoupled ? 0.01 : 0),
        amsgrad: o.amsgrad ?? false,
      }, decoupled);
      const got = replayGradients(adam, makeSlots(initial), gradients, o.lr);
      c.trajectory.forEach((expected, k) => {
        for (const name of ['w', 'b'] as const) {
          expected[name].data.forEach((v, i) => expect(Math.abs(got[k][name][i] - v), `step ${k + 1} ${name}[${i}]: ${got[k][name][i]} vs ${v}`).toBeLessThanOrEqual(1e-5 * Math.abs(v)));
        }
      });
    });
  }

  it('amsgrad differs from adam once the second moment shrinks (the fixture exercises the maximum)', () => {
    const adam = casesOf('Adam').find((c) => c.name === 'adam')!.trajectory;
    const ams = casesOf('Adam').find((c) => c.name === 'adam_amsgrad')!.trajectory;
    expect(ams[11].w.data).not.toEqual(adam[11].w.data);
  });

  it('adamw shrinks parameters by lr·weight_decay; adam adds weight_decay·p to the gradient', () => {
    const options = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.1, amsgrad: false };
    const run = (opt: Adam) => replayGradients(opt, makeSlots({ p: [2] }), [{ p: [0] }], 0.1)[0].p[0];
    // AdamW: 2·(1 − 0.1·0.1) = 1.98, and a zero gradient adds no moment.
    expect(run(new Adam(options, true))).toBeCloseTo(1.98, 6);
    // Adam + L2: g = 0.1·2 = 0.2; a first Adam step moves lr·sign(g) = 0.1.
    expect(run(new Adam(options, false))).toBeCloseTo(1.9, 6);
  });
});
