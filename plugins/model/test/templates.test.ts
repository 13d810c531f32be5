import { describe, expect, it } from 'vitest';
import { defaultLogger, type LayerSpec, type ModelContext } from '@hyperspec/core';
import { componentsOf } from '@hyperspec/core/testing';
import { cnn, mlp, sequential } from '@hyperspec/model';

const ctx = (sampleShape: number[], outputs = 10): ModelContext => ({ path: 'model', components: componentsOf([]), logger: defaultLogger(), sampleShape, outputs });

describe('architecture templates', () => {
  it('mlp turns hidden_layers, units and activation into dense layers plus an output layer', () => {
    const layers = mlp.create({ hidden_layers: 2, units: [64, 32], activation: 'tanh', output_activation: 'linear' }, ctx([4], 3));
    expect(layers).toEqual<LayerSpec[]>([
      { type: 'dense', units: 64, activation: 'tanh', kernel_initializer: 'glorot_uniform' },
      { type: 'dense', units: 32, activation: 'tanh', kernel_initializer: 'glorot_uniform' },
      { type: 'dense', units: 3, activation: 'linear' },
    ]);
  });

  it('mlp flattens image-shaped samples first and repeats a single units value', () => {
    const layers = mlp.create({ hidden_layers: 2, units: 16, activation: 'relu', output_activation: 'linear' }, ctx([1, 28, 28]));
    expect(layers.map((l) => l.type)).toEqual(['flatten', 'dense', 'dense', 'dense']);
    expect(layers[1]).toMatchObject({ units: 16, kernel_initializer: 'he_uniform' });
  });

  it('reports a units list whose length differs from hidden_layers at its spec path', () => {
    expect(() => mlp.create({ hidden_layers: 3, units: [8, 8], activation: 'relu', output_activation: 'linear' }, ctx([4]))).toThrow('has 2 entries but hidden_layers is 3');
  });

  it('cnn builds conv blocks with pooling, then flatten and the mlp head', () => {
    const layers = cnn.create(
      { conv_layers: 2, filters: [32, 64], kernel_size: 3, padding: 'same', pooling: 'avg', pool_size: 2, hidden_layers: 1, units: 128, activation: 'relu', output_activation: 'linear' },
      ctx([1, 28, 28]),
    );
    expect(layers.map((l) => l.type)).toEqual(['conv2d', 'avg_pool2d', 'conv2d', 'avg_pool2d', 'flatten', 'dense', 'dense']);
    expect(layers[2]).toMatchObject({ filters: 64, kernel_size: 3, padding: 'same' });
    expect(layers[6]).toMatchObject({ units: 10 });
  });

  it('sequential passes its layers through as written', () => {
    expect(sequential.create({ layers: [{ type: 'dense', units: 2 }] }, ctx([3]))).toEqual([{ type: 'dense', units: 2 }]);
  });
});
