import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import penalties from '@hyperspec/regularizer-penalties';
import { ComponentsToken, EngineToken, createContainer, type Regularizer } from '@hyperspec/core';

function make(type: string, rate: number) {
  const c = createContainer([cpu, penalties]);
  const components = c.get(ComponentsToken);
  const engine = c.get(EngineToken);
  const reg = components.create<Regularizer>('regularizer', { type, rate }, 'regularization[0]');
  const w = engine.variable([1, -2, 0.5], [3]);
  const b = engine.variable([4], [1]);
  const params = [{ name: 'w', value: w, decay: true }, { name: 'b', value: b, decay: false }];
  return { engine, reg, w, b, params };
}

describe('penalty regularizers', () => {
  it('weight_decay adds ½·rate·Σw² whose gradient is rate·w, and spares biases', () => {
    const { engine, reg, w, b, params } = make('weight_decay', 0.1);
    engine.scope(() => {
      const p = reg.penalty!(params)!;
      expect(p.item()).toBeCloseTo(0.05 * (1 + 4 + 0.25), 6);
      engine.backward(p);
    });
    expect(w.grad!.toArray().map((v) => +v.toFixed(6))).toEqual([0.1, -0.2, 0.05]);
    expect(b.grad).toBeNull();
  });

  it('l1 adds rate·Σ|w| whose gradient is rate·sign(w)', () => {
    const { engine, reg, w, params } = make('l1', 0.01);
    engine.scope(() => {
      const p = reg.penalty!(params)!;
      expect(p.item()).toBeCloseTo(0.035, 6);
      engine.backward(p);
    });
    expect(w.grad!.toArray().map((v) => +v.toFixed(6))).toEqual([0.01, -0.01, 0.01]);
  });
});
