import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import layersPooling from '@hyperspec/layer-pooling';
import { ComponentsToken, EngineToken, Rng, buildModel, createContainer, isHyperspecError, type LayerSpec } from '@hyperspec/core';

function build(spec: LayerSpec, inputShape: number[]) {
  const c = createContainer([cpu, layersPooling]);
  const engine = c.get(EngineToken);
  const model = buildModel([spec], { components: c.get(ComponentsToken), engine, rng: new Rng(1), inputShape, pathOf: (_, i) => `model.layers[${i}]` });
  return { engine, model };
}

describe('pooling layers', () => {
  it('have the output shape a forward pass produces, for every pool size and stride', () => {
    for (const type of ['max_pool2d', 'avg_pool2d']) {
      for (const pool_size of [1, 2, 3, 4, 7]) {
        for (const stride of [undefined, 1, 2, 3]) {
          const { engine, model } = build(stride === undefined ? { type, pool_size } : { type, pool_size, stride }, [3, 7, 10]);
          const s = stride ?? pool_size;
          const expected = [3, Math.floor((7 - pool_size) / s) + 1, Math.floor((10 - pool_size) / s) + 1];
          expect(model.outputShape, `${type} ${pool_size}/${s}`).toEqual(expected);
          expect(model.forward(engine.zeros([2, 3, 7, 10]), { training: false }).shape).toEqual([2, ...expected]);
        }
      }
    }
  });

  it('default to 2×2 windows side by side', () => {
    expect(build({ type: 'max_pool2d' }, [1, 28, 28]).model.outputShape).toEqual([1, 14, 14]);
    expect(build({ type: 'avg_pool2d' }, [4, 5, 5]).model.outputShape).toEqual([4, 2, 2]);
  });

  it('take the maximum or the mean of each window', () => {
    const image = [1, 5, 2, 0, -1, 3, 4, 8, 0, 0, -2, -6, 7, 1, 1, 1];
    const max = build({ type: 'max_pool2d' }, [1, 4, 4]);
    expect(max.model.forward(max.engine.tensor(image, [1, 1, 4, 4]), { training: false }).toArray()).toEqual([5, 8, 7, 1]);
    const avg = build({ type: 'avg_pool2d' }, [1, 4, 4]);
    expect(avg.model.forward(avg.engine.tensor(image, [1, 1, 4, 4]), { training: false }).toArray()).toEqual([2, 3.5, 2, -1.5]);
    const overlapping = build({ type: 'max_pool2d', pool_size: 3, stride: 1 }, [1, 4, 4]);
    expect(overlapping.model.forward(overlapping.engine.tensor(image, [1, 1, 4, 4]), { training: false }).toArray()).toEqual([5, 8, 7, 8]);
  });

  it('have no parameters and describe themselves in one line', () => {
    const { model } = build({ type: 'max_pool2d', pool_size: 3, stride: 2 }, [2, 9, 9]);
    expect(model.parameters()).toEqual([]);
    expect(model.summary()[0].description).toBe('max_pool2d 3×3/2');
    expect(build({ type: 'avg_pool2d' }, [2, 9, 9]).model.summary()[0].description).toBe('avg_pool2d 2×2');
  });

  it('fail at build time when the window does not fit the image', () => {
    try {
      build({ type: 'max_pool2d', pool_size: 4 }, [16, 3, 3]);
      expect.unreachable();
    } catch (e) {
      expect(isHyperspecError(e) && e.kind).toBe('shape');
      expect((e as Error).message).toBe('max_pool2d: a 4×4 window does not fit input [16, 3, 3] (the image is 3×3)');
      expect(isHyperspecError(e) && e.location?.path).toBe('model.layers[0]');
    }
  });

  it('fail at build time on a flat input', () => {
    expect(() => build({ type: 'avg_pool2d' }, [64])).toThrow('avg_pool2d expects image samples [channels, height, width], got [64]');
  });

  it('validate their options', () => {
    expect(() => build({ type: 'max_pool2d', pool_size: 0 }, [1, 4, 4])).toThrow(/pool_size: must be >= 1/);
    expect(() => build({ type: 'max_pool2d', stride: 1.5 }, [1, 4, 4])).toThrow(/stride: must be integer/);
    expect(() => build({ type: 'avg_pool2d', size: 2 }, [1, 4, 4])).toThrow(/unknown key "size"/);
  });
});
