import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import layersBatchnorm from '@hyperspec/layer-batchnorm';
import { ComponentsToken, EngineToken, Rng, buildModel, createContainer, isHyperspecError, type LayerSpec } from '@hyperspec/core';
import { mean } from '@hyperspec/core/tensor';

function build(spec: LayerSpec, inputShape: number[]) {
  const c = createContainer([cpu, layersBatchnorm]);
  const engine = c.get(EngineToken);
  const model = buildModel([spec], { components: c.get(ComponentsToken), engine, rng: new Rng(1), inputShape, pathOf: (_, i) => `model.layers[${i}]` });
  return { engine, model };
}

/** Values of x [n, c, ...] grouped by channel. */
function byChannel(x: ArrayLike<number>, shape: number[]): number[][] {
  const [n, c] = shape;
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  const out: number[][] = Array.from({ length: c }, () => []);
  for (let b = 0; b < n; b++) for (let ch = 0; ch < c; ch++) for (let i = 0; i < inner; i++) out[ch].push(x[(b * c + ch) * inner + i]);
  return out;
}

const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const biasedVar = (v: number[]) => avg(v.map((x) => (x - avg(v)) ** 2));

/** Samples whose channels have different means and spreads. */
function batch(shape: number[], seed: number): Float32Array {
  const rng = new Rng(seed);
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => {
    const ch = Math.floor(i / inner) % shape[1];
    return 3 * ch - 2 + (ch + 0.5) * rng.normal();
  });
}

describe('batch_norm layer', () => {
  for (const [label, sample] of [['1d', [3]], ['2d', [3, 4, 5]]] as const) {
    const shape = [8, ...sample];
    it(`${label}: normalises each channel with the batch statistics in training and updates the running averages`, () => {
      const { engine, model } = build({ type: 'batch_norm' }, [...sample]);
      const { '0.running_mean': runningMean, '0.running_var': runningVar } = model.buffers();
      expect(runningMean.toArray()).toEqual([0, 0, 0]);
      expect(runningVar.toArray()).toEqual([1, 1, 1]);
      const xs = [batch(shape, 1), batch(shape, 2)];
      const expectedMean = [0, 0, 0];
      const expectedVar = [1, 1, 1];
      for (const x of xs) {
        const y = model.forward(engine.tensor(x, shape), { training: true });
        for (const channel of byChannel(y.data, shape)) {
          expect(Math.abs(avg(channel))).toBeLessThan(1e-5);
          expect(Math.abs(biasedVar(channel) - 1)).toBeLessThan(1e-3);
        }
        // PyTorch's rule: r ← 0.9·r + 0.1·batch statistic, with the unbiased variance.
        byChannel(x, shape).forEach((channel, c) => {
          const m = channel.length;
          expectedMean[c] = 0.9 * expectedMean[c] + 0.1 * avg(channel);
          expectedVar[c] = 0.9 * expectedVar[c] + 0.1 * biasedVar(channel) * (m / (m - 1));
        });
        runningMean.toArray().forEach((v, c) => expect(v).toBeCloseTo(expectedMean[c], 5));
        runningVar.toArray().forEach((v, c) => expect(v).toBeCloseTo(expectedVar[c], 4));
      }
    });

    it(`${label}: uses the running averages at inference and leaves them unchanged`, () => {
      const { engine, model } = build({ type: 'batch_norm', momentum: 0.3, eps: 1e-3 }, [...sample]);
      const [gamma, beta] = model.parameters();
      gamma.value.data.set([2, 0.5, -1]);
      beta.value.data.set([0.1, 0.2, 0.3]);
      const { '0.running_mean': runningMean, '0.running_var': runningVar } = model.buffers();
      runningMean.data.set([1, -1, 0.5]);
      runningVar.data.set([4, 0.25, 2]);
      const x = batch(shape, 3);
      const y = model.forward(engine.tensor(x, shape), { training: false });
      const expected = byChannel(x, shape).map((channel, c) =>
        channel.map((v) => ([2, 0.5, -1][c] * (v - [1, -1, 0.5][c])) / Math.sqrt([4, 0.25, 2][c] + 1e-3) + [0.1, 0.2, 0.3][c]),
      );
      byChannel(y.data, shape).forEach((channel, c) => channel.forEach((v, i) => expect(v).toBeCloseTo(expected[c][i], 5)));
      expect(runningMean.toArray()).toEqual([1, -1, 0.5]);
      expect(runningVar.toArray()).toEqual([4, 0.25, 2]);
      // A training step moves them by momentum 0.3.
      model.forward(engine.tensor(x, shape), { training: true });
      const batchMean = byChannel(x, shape).map(avg);
      runningMean.toArray().forEach((v, c) => expect(v).toBeCloseTo(0.7 * [1, -1, 0.5][c] + 0.3 * batchMean[c], 5));
    });
  }

  it('learns a scale and a shift per channel (not decayed) and saves its running averages as buffers', () => {
    const { engine, model } = build({ type: 'batch_norm' }, [2, 3, 3]);
    expect(model.parameters().map((p) => [p.name, p.value.shape, p.decay, p.value.toArray()])).toEqual([
      ['0.gamma', [2], false, [1, 1]],
      ['0.beta', [2], false, [0, 0]],
    ]);
    expect(Object.keys(model.buffers())).toEqual(['0.running_mean', '0.running_var']);
    engine.backward(mean(model.forward(engine.tensor(batch([4, 2, 3, 3], 5), [4, 2, 3, 3]), { training: true })));
    // d mean(γ·x̂ + β)/dβ = 1 per channel's share of the elements.
    expect(model.parameters()[1].value.grad!.toArray()).toEqual([0.5, 0.5]);
    expect(model.summary()[0].description).toBe('batch_norm 2d 2');
    expect(build({ type: 'batch_norm' }, [7]).model.summary()[0].description).toBe('batch_norm 1d 7');
  });

  it('fails at build time for samples that are neither [features] nor [channels, height, width]', () => {
    try {
      build({ type: 'batch_norm' }, [4, 6]);
      expect.unreachable();
    } catch (e) {
      expect(isHyperspecError(e) && e.kind).toBe('shape');
      expect((e as Error).message).toBe('batch_norm expects samples [features] or [channels, height, width], got [4, 6]');
      expect(isHyperspecError(e) && e.location?.path).toBe('model.layers[0]');
    }
  });

  it('refuses to train on one value per channel, and validates its options', () => {
    const { engine, model } = build({ type: 'batch_norm' }, [3]);
    expect(() => model.forward(engine.zeros([1, 3]), { training: true })).toThrow('batch_norm: training needs more than one value per channel, got input [1, 3]');
    expect(() => build({ type: 'batch_norm', momentum: 0 }, [3])).toThrow(/momentum: must be > 0/);
    expect(() => build({ type: 'batch_norm', eps: -1 }, [3])).toThrow(/eps: must be > 0/);
  });
});
