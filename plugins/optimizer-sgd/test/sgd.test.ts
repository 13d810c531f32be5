import { describe, expect, it } from 'vitest';
import { isHyperspecError, type Optimizer } from '@hyperspec/core';
import { componentsOf } from '@hyperspec/core/testing';
import { describeOptimizerConformance, makeSlots, replayGradients } from '@hyperspec/core/testing';
import { Sgd, sgdDescriptor } from '../src/index.js';
import { casesOf, gradients, initial } from './pytorch-fixture.js';

describeOptimizerConformance(sgdDescriptor);
describeOptimizerConformance(sgdDescriptor, { options: { momentum: 0.9, nesterov: true, weight_decay: 0.01 } });

describe('sgd against PyTorch 1.13', () => {
  const cases = casesOf('SGD');
  it('covers every SGD configuration of the fixture', () => expect(cases.map((c) => c.name)).toEqual(['sgd', 'sgd_momentum', 'sgd_nesterov_wd']));

  for (const c of cases) {
    it(`${c.name} ${JSON.stringify(c.options)}: w and b after each of 12 steps within 1e-5 relative`, () => {
      const { lr, ...rest } = c.options as { lr: number; momentum?: number; nesterov?: boolean; weight_decay?: number };
      const sgd = new Sgd({ momentum: rest.momentum ?? 0, dampening: 0, nesterov: rest.nesterov ?? false, weight_decay: rest.weight_decay ?? 0 });
      const got = replayGradients(sgd, makeSlots(initial), gradients, lr);
      c.trajectory.forEach((expected, k) => {
        for (const name of ['w', 'b'] as const) {
          expected[name].data.forEach((v, i) => expect(Math.abs(got[k][name][i] - v), `step ${k + 1} ${name}[${i}]: ${got[k][name][i]} vs ${v}`).toBeLessThanOrEqual(1e-5 * Math.abs(v)));
        }
      });
    });
  }
});

describe('sgd options', () => {
  const components = componentsOf([sgdDescriptor]);
  const build = (options: Record<string, unknown>) => {
    return components.create<Optimizer>('optimizer', { type: 'sgd', ...options }, 'train.optimizer');
  };

  it('rejects nesterov with dampening, like PyTorch, naming the option', () => {
    try {
      build({ momentum: 0.9, nesterov: true, dampening: 0.1 });
      expect.unreachable('nesterov with dampening must be rejected');
    } catch (e) {
      expect(isHyperspecError(e)).toBe(true);
      expect((e as Error).message).toMatch(/nesterov.*dampening 0 \(got dampening 0.1\)/);
      expect((e as { location?: { path?: string } }).location?.path).toBe('train.optimizer.dampening');
    }
  });

  it('rejects nesterov without momentum', () => {
    expect(() => build({ nesterov: true })).toThrow(/needs momentum > 0.*got momentum 0/);
  });

  it('applies dampening to every step after the first (PyTorch: the first buffer is the raw gradient)', () => {
    const sgd = build({ learning_rate: 1, momentum: 0.5, dampening: 0.5 });
    const slots = makeSlots({ p: [0] });
    const got = replayGradients(sgd, slots, [{ p: [1] }, { p: [1] }, { p: [1] }], 1).map((s) => s.p[0]);
    // buf: 1, then 0.5·1 + 0.5·1 = 1, then 1 again; p = −1, −2, −3.
    expect(got).toEqual([-1, -2, -3]);
  });
});
