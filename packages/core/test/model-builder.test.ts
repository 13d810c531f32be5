import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import initializers from '@hyperspec/initializer';
import layerActivation from '@hyperspec/layer-activation';
import layerDense from '@hyperspec/layer-dense';
import layerFlatten from '@hyperspec/layer-flatten';
import { ComponentsToken, EngineToken, Rng, buildModel, createContainer, isHyperspecError } from '@hyperspec/core';
import { formatModelSummary } from '@hyperspec/core/run';

function env() {
  const c = createContainer([cpu, initializers, layerDense, layerFlatten, layerActivation]);
  return { components: c.get(ComponentsToken), engine: c.get(EngineToken), rng: new Rng(1) };
}

describe('buildModel', () => {
  it('chains output shapes and names parameters by layer index', () => {
    const model = buildModel([{ type: 'flatten' }, { type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3 }], { ...env(), inputShape: [2, 3] });
    expect(model.outputShape).toEqual([3]);
    expect(model.parameters().map((p) => [p.name, p.value.shape])).toEqual([
      ['1.weight', [6, 8]],
      ['1.bias', [8]],
      ['2.weight', [8, 3]],
      ['2.bias', [3]],
    ]);
    expect(model.parameterCount()).toBe(6 * 8 + 8 + 8 * 3 + 3);
    const summary = formatModelSummary(model);
    expect(summary).toContain('dense 8, relu');
    expect(summary).toContain('learned parameters: 83');
  });

  it('fails at build time with the layer path and both shapes when layers do not fit', () => {
    try {
      buildModel([{ type: 'dense', units: 4 }], { ...env(), inputShape: [1, 28, 28], pathOf: (_, i) => `model.layers[${i}]` });
      expect.unreachable();
    } catch (e) {
      expect(isHyperspecError(e) && e.kind).toBe('shape');
      expect((e as Error).message).toBe('dense expects a flat input [features], got [1, 28, 28]');
      expect(isHyperspecError(e) && e.location?.path).toBe('model.layers[0]');
      expect(isHyperspecError(e) && e.hint).toContain('flatten');
    }
  });

  it('rejects an unknown layer type with the nearest registered name', () => {
    expect(() => buildModel([{ type: 'dense', units: 4 }, { type: 'dens', units: 2 }], { ...env(), inputShape: [3] })).toThrow('unknown layer "dens" — did you mean "dense"?');
  });

  it('rejects invalid layer options by name', () => {
    expect(() => buildModel([{ type: 'dense', units: 0 }], { ...env(), inputShape: [3] })).toThrow(/layers\[0\].units: must be >= 1 \(got 0\)/);
    expect(() => buildModel([{ type: 'dense', unit: 4 }], { ...env(), inputShape: [3] })).toThrow(/unknown key "unit"/);
  });

  it('initialises the same seed to the same weights', () => {
    const a = buildModel([{ type: 'dense', units: 5 }], { ...env(), inputShape: [4] });
    const b = buildModel([{ type: 'dense', units: 5 }], { ...env(), inputShape: [4] });
    expect(a.parameters()[0].value.toArray()).toEqual(b.parameters()[0].value.toArray());
    const w = a.parameters()[0].value.toArray();
    const limit = Math.sqrt(6 / (4 + 5));
    expect(w.every((v) => Math.abs(v) <= limit)).toBe(true);
    expect(new Set(w).size).toBe(20);
  });
});
