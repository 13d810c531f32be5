import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import layersDropout from '@hyperspec/layer-dropout';
import { ComponentsToken, EngineToken, Rng, buildModel, createContainer, type LayerSpec } from '@hyperspec/core';
import { sum } from '@hyperspec/core/tensor';

function build(spec: LayerSpec, inputShape: number[], seed = 1) {
  const c = createContainer([cpu, layersDropout]);
  const engine = c.get(EngineToken);
  const model = buildModel([spec], { components: c.get(ComponentsToken), engine, rng: new Rng(seed), inputShape });
  return { engine, model };
}

describe('dropout layer', () => {
  it('is the identity at inference', () => {
    const { engine, model } = build({ type: 'dropout', rate: 0.5 }, [6]);
    const x = engine.tensor([1, -2, 3, 0.5, 7, -1], [1, 6]);
    expect(model.forward(x, { training: false }).toArray()).toEqual([1, -2, 3, 0.5, 7, -1]);
    expect(model.outputShape).toEqual([6]);
  });

  it('zeroes a fraction rate of the units in training and scales the rest by 1/(1 − rate)', () => {
    const n = 200_000;
    for (const rate of [0.1, 0.5, 0.8]) {
      const { engine, model } = build({ type: 'dropout', rate }, [n]);
      const y = model.forward(engine.full([1, n], 1), { training: true }).data;
      const kept = Math.fround(1 / (1 - rate));
      let zeros = 0;
      let others = 0;
      let total = 0;
      for (const v of y) {
        if (v === 0) zeros++;
        else if (v !== kept) others++;
        total += v;
      }
      expect(others).toBe(0);
      // Binomial: the standard deviation of the zero fraction is √(rate(1 − rate)/n) ≤ 0.0012.
      expect(Math.abs(zeros / n - rate)).toBeLessThan(0.006);
      // Expected activation is unchanged.
      expect(Math.abs(total / n - 1)).toBeLessThan(0.03);
    }
  });

  it('passes gradients only through the kept units, scaled', () => {
    const { engine, model } = build({ type: 'dropout', rate: 0.25 }, [1000]);
    const x = engine.variable(new Float32Array(1000).fill(2), [1, 1000]);
    const y = model.forward(x, { training: true });
    engine.backward(sum(y));
    const expected = Array.from(y.data, (v) => (v === 0 ? 0 : Math.fround(1 / 0.75)));
    expect(Array.from(x.grad!.data)).toEqual(expected);
    expect(expected.filter((v) => v === 0).length).toBeGreaterThan(150);
  });

  it('draws a new mask every batch, the same masks for the same seed', () => {
    const masks = (seed: number) => {
      const { engine, model } = build({ type: 'dropout', rate: 0.5 }, [64], seed);
      return [0, 1].map(() => model.forward(engine.full([1, 64], 1), { training: true }).toArray());
    };
    const [a1, a2] = masks(7);
    const [b1, b2] = masks(7);
    expect(a1).not.toEqual(a2);
    expect(b1).toEqual(a1);
    expect(b2).toEqual(a2);
    expect(masks(8)[0]).not.toEqual(a1);
  });

  it('defaults to rate 0.5, describes itself, and rejects a rate of 1', () => {
    const { model } = build({ type: 'dropout' }, [3, 4, 4]);
    expect(model.summary()[0].description).toBe('dropout 0.5');
    expect(model.outputShape).toEqual([3, 4, 4]);
    expect(model.parameters()).toEqual([]);
    expect(() => build({ type: 'dropout', rate: 1 }, [3])).toThrow(/rate: must be < 1 \(got 1\)/);
    expect(() => build({ type: 'dropout', rate: -0.1 }, [3])).toThrow(/rate: must be >= 0/);
  });
});
