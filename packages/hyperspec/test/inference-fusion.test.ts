import { describe, expect, it } from 'vitest';
import { ComponentsToken, EngineToken, Rng, buildModel, createDefaultContainer } from 'hyperspec';
import type { Engine } from '@hyperspec/core/tensor';

// A model prepared for inference (what loadModel does) runs a convolution and the max pooling after
// it as one layer (Layer.fuseNext, conv2dMaxPool), and must give exactly the outputs of the layers
// run one by one, on the wasm backend (one pass per image) and on cpu (the two ops, as a fallback).
const layers = [
  { type: 'conv2d', filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' },
  { type: 'max_pool2d', pool_size: 2 },
  { type: 'dropout', rate: 0.25 },
  { type: 'conv2d', filters: 16, kernel_size: 3, padding: 'same' },
  { type: 'max_pool2d', pool_size: 2 },
  { type: 'conv2d', filters: 4, kernel_size: 3, padding: 'same', activation: 'tanh' },
  { type: 'max_pool2d', pool_size: 2 },
  { type: 'flatten' },
  { type: 'dense', units: 5 },
];

function build(backend: string) {
  const container = createDefaultContainer([], { backend });
  const engine = container.get<Engine>(EngineToken);
  const model = buildModel(layers, { components: container.get(ComponentsToken), engine, rng: new Rng(7), inputShape: [1, 12, 12], pathOf: (_l, i) => `layers[${i}]` });
  return { engine, model };
}

describe('inference fusion of convolution and max pooling', () => {
  for (const backend of ['wasm', 'cpu']) {
    it(`gives exactly the unfused outputs on ${backend}, with the model's layers and parameters unchanged`, () => {
      const { engine, model } = build(backend);
      const rng = new Rng(11);
      const x = engine.tensor(Float32Array.from({ length: 6 * 144 }, () => rng.uniform(0, 1)), [6, 1, 12, 12]).keep();
      const run = () => engine.noGrad(() => engine.scope(() => Array.from(model.forward(x, { training: false }).data)));
      const unfused = run();
      const names = model.parameters().map((p) => p.name);
      model.prepareInference();
      const fused = run();
      expect(fused).toEqual(unfused);
      expect(model.layers.length).toBe(layers.length);
      expect(model.parameters().map((p) => p.name)).toEqual(names);
      // The fused forward really ran fewer layers: the conv + pool pairs with ReLU or no activation (not tanh's).
      const calls: string[] = [];
      for (const l of model.layers) {
        const forward = l.layer.forward.bind(l.layer);
        l.layer.forward = (t, ctx) => (calls.push(l.type), forward(t, ctx));
      }
      run();
      expect(calls).toEqual(['dropout', 'conv2d', 'max_pool2d', 'flatten', 'dense']);
      // Training mode still runs every layer.
      calls.length = 0;
      engine.scope(() => model.forward(x, { training: true }));
      expect(calls.length).toBe(layers.length);
      x.dispose();
      model.dispose();
    });
  }
});
