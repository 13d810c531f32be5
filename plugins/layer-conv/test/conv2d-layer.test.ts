import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import initializers from '@hyperspec/initializer';
import layersConv from '@hyperspec/layer-conv';
import { ComponentsToken, EngineToken, Rng, buildModel, createContainer, isHyperspecError, type LayerSpec } from '@hyperspec/core';

function env() {
  const c = createContainer([cpu, initializers, layersConv]);
  return { components: c.get(ComponentsToken), engine: c.get(EngineToken), rng: new Rng(3) };
}

function build(spec: LayerSpec, inputShape: number[]) {
  return buildModel([spec], { ...env(), inputShape, pathOf: (_, i) => `model.layers[${i}]` });
}

function buildError(spec: LayerSpec, inputShape: number[]): Error & { kind?: string; location?: { path?: string }; hint?: string } {
  try {
    build(spec, inputShape);
  } catch (e) {
    expect(isHyperspecError(e)).toBe(true);
    return e as Error;
  }
  throw new Error('expected the build to fail');
}

describe('conv2d layer', () => {
  it('has the output shape that a forward pass produces, for every kernel size, stride and padding', () => {
    const [c, h, w] = [2, 11, 9];
    for (const kernel_size of [1, 2, 3, 4, 5, 6, 7]) {
      for (const stride of [1, 2, 3]) {
        for (const padding of ['valid', 'same'] as const) {
          const model = build({ type: 'conv2d', filters: 3, kernel_size, stride, padding }, [c, h, w]);
          // valid: ⌊(n − k) / s⌋ + 1; same: ⌈n / s⌉.
          const expected = padding === 'valid'
            ? [3, Math.floor((h - kernel_size) / stride) + 1, Math.floor((w - kernel_size) / stride) + 1]
            : [3, Math.ceil(h / stride), Math.ceil(w / stride)];
          expect(model.outputShape, `k=${kernel_size} s=${stride} ${padding}`).toEqual(expected);
          const e = model.parameters()[0].value.engine;
          const y = e.noGrad(() => model.forward(e.zeros([2, c, h, w]), { training: false }));
          expect(y.shape).toEqual([2, ...expected]);
        }
      }
    }
  });

  it('computes the convolution of its weights plus bias, then the activation', () => {
    const model = build({ type: 'conv2d', filters: 1, kernel_size: 2, activation: 'relu' }, [1, 2, 3]);
    const [weight, bias] = model.parameters();
    weight.value.data.set([1, -1, 2, 0.5]);
    bias.value.data[0] = -1;
    const e = weight.value.engine;
    const y = model.forward(e.tensor([1, 2, 3, 4, 5, 6], [1, 1, 2, 3]), { training: false });
    // Windows [1 2; 4 5] and [2 3; 5 6]: 1 − 2 + 8 + 2.5 − 1 = 8.5 and 2 − 3 + 10 + 3 − 1 = 11.
    expect(y.toArray()).toEqual([8.5, 11]);
    const negative = build({ type: 'conv2d', filters: 1, kernel_size: 1, activation: 'relu', use_bias: false }, [1, 1, 2]);
    negative.parameters()[0].value.data[0] = -1;
    expect(negative.forward(e.tensor([1, -2], [1, 1, 1, 2]), { training: false }).toArray()).toEqual([0, 2]);
  });

  it('owns a decayed weight [filters, channels, k, k] and an undecayed bias, initialised with fan-in channels·k·k', () => {
    const model = build({ type: 'conv2d', filters: 16, kernel_size: 5 }, [3, 12, 12]);
    const [weight, bias] = model.parameters();
    expect([weight.name, weight.value.shape, weight.decay]).toEqual(['0.weight', [16, 3, 5, 5], true]);
    expect([bias.name, bias.value.shape, bias.decay]).toEqual(['0.bias', [16], false]);
    expect(bias.value.toArray().every((v) => v === 0)).toBe(true);
    // he_uniform: U(±√(6 / fanIn)) with fanIn = 3·5·5.
    const limit = Math.sqrt(6 / 75);
    const values = weight.value.toArray();
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.95 * limit);
    expect(build({ type: 'conv2d', filters: 4, use_bias: false }, [1, 5, 5]).parameters().map((p) => p.name)).toEqual(['0.weight']);
  });

  it('uses the named kernel initializer', () => {
    const model = build({ type: 'conv2d', filters: 2, kernel_initializer: 'zeros' }, [1, 4, 4]);
    expect(model.parameters()[0].value.toArray().every((v) => v === 0)).toBe(true);
  });

  it('describes itself in one line', () => {
    expect(build({ type: 'conv2d', filters: 32, activation: 'relu', padding: 'same' }, [1, 28, 28]).summary()[0].description).toBe('conv2d 32 3×3 same, relu');
    expect(build({ type: 'conv2d', filters: 8, kernel_size: 5, stride: 2, use_bias: false }, [1, 28, 28]).summary()[0].description).toBe('conv2d 8 5×5/2 valid, no bias');
  });

  it('rejects a flat input at build time with its path and the shape it got', () => {
    const e = buildError({ type: 'conv2d', filters: 4 }, [784]);
    expect(e.message).toBe('conv2d expects image samples [channels, height, width], got [784]');
    expect(e.kind).toBe('shape');
    expect(e.location?.path).toBe('model.layers[0]');
  });

  it('rejects a kernel larger than the image with valid padding', () => {
    const e = buildError({ type: 'conv2d', filters: 4, kernel_size: 5 }, [8, 3, 4]);
    expect(e.message).toBe("conv2d: a 5×5 kernel does not fit input [8, 3, 4] with padding 'valid' (the image is 3×4)");
    expect(e.location?.path).toBe('model.layers[0]');
    expect(e.hint).toContain('padding: same');
    // 'same' pads the image up to the kernel.
    expect(build({ type: 'conv2d', filters: 4, kernel_size: 5, padding: 'same' }, [8, 3, 4]).outputShape).toEqual([4, 3, 4]);
  });

  it('validates its options against the schema', () => {
    expect(() => build({ type: 'conv2d' }, [1, 8, 8])).toThrow(/missing required key "filters"/);
    expect(() => build({ type: 'conv2d', filters: 2, kernel_size: 8 }, [1, 8, 8])).toThrow(/kernel_size: must be <= 7/);
    expect(() => build({ type: 'conv2d', filters: 2, padding: 'full' }, [1, 8, 8])).toThrow(/padding: must be /);
    expect(() => build({ type: 'conv2d', filters: 2, activation: 'softmax' }, [1, 8, 8])).toThrow(/activation/);
  });

  it('fails in forward with both shapes when the batch does not match the built channels', () => {
    const model = build({ type: 'conv2d', filters: 2 }, [3, 5, 5]);
    const e = model.parameters()[0].value.engine;
    expect(() => model.forward(e.zeros([1, 1, 5, 5]), { training: false })).toThrow('conv2d: input [1, 1, 5, 5] does not match weights [2, 3, 3, 3]');
  });
});
