import { describe, expect, it } from 'vitest';
import { ComponentsToken, EngineToken, Rng, buildModel, createDefaultContainer } from 'hyperspec';
import { mul, sum, type Engine } from '@hyperspec/core/tensor';

// A model prepared for inference (what loadModel does) runs a convolution and the max pooling after
// it as one layer (Layer.fuseNext, conv2dMaxPool), and must give exactly the outputs of the layers
// run one by one, on the wasm backend (one pass per image) and on cpu (the two ops, as a fallback).
// In training, a ReLU convolution and its max pooling run fused too (Layer.fuseNextInTraining,
// reluMaxPool2d), with the same outputs and gradients as the layers one by one.
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

function build(backend: string, specs: object[] = layers, inputShape = [1, 12, 12]) {
  const container = createDefaultContainer([], { backend });
  const engine = container.get<Engine>(EngineToken);
  const model = buildModel(specs, { components: container.get(ComponentsToken), engine, rng: new Rng(7), inputShape, pathOf: (_l, i) => `layers[${i}]` });
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
      // Dropout, the identity at inference, is skipped (DropoutLayer.fuseNext returns the next layer).
      expect(calls).toEqual(['conv2d', 'max_pool2d', 'flatten', 'dense']);
      // Training fuses only the ReLU convolution with its pooling (fuseNextInTraining): the others run one by one.
      calls.length = 0;
      engine.scope(() => model.forward(x, { training: true }));
      expect(calls).toEqual(['dropout', 'conv2d', 'max_pool2d', 'conv2d', 'max_pool2d', 'flatten', 'dense']);
      x.dispose();
      model.dispose();
    });

    it(`trains on ${backend} with the ReLU convolution and its pooling fused: the unfused outputs and gradients, bit for bit`, () => {
      // Two models built alike (same weights, same dropout draws): one trains through its forward (fused),
      // the other runs its layers one by one.
      const pass = (fused: boolean) => {
        const { engine, model } = build(backend);
        const rng = new Rng(12);
        const x = engine.tensor(Float32Array.from({ length: 6 * 144 }, () => rng.uniform(-1, 1)), [6, 1, 12, 12]);
        const out = engine.scope(() => {
          let y = x;
          if (fused) y = model.forward(x, { training: true });
          else for (const l of model.layers) y = l.layer.forward(y, { training: true });
          engine.backward(sum(mul(y, y)));
          return Array.from(y.data);
        });
        const grads = model.parameters().map((p) => Array.from(p.value.grad!.data));
        model.dispose();
        return { out, grads };
      };
      const fused = pass(true);
      expect(fused.grads[0].some((g) => g !== 0)).toBe(true);
      expect(fused).toEqual(pass(false));
    });
  }
});

// An MLP prepared for inference runs its dense layers (ReLU or none, dropout between them skipped) as
// one chain (DenseLayer.fuseNext, core's denseChain): on wasm each block of rows goes through every
// layer in one task (split between the threads from 96 rows, on one thread below), on cpu the layers
// run one by one. Same kernels, same k-blocking, row blocks on the same tile edges: exactly equal.
const mlp = [
  { type: 'dense', units: 40, activation: 'relu' },
  { type: 'dropout', rate: 0.2 },
  { type: 'dense', units: 24, activation: 'relu' },
  { type: 'dropout', rate: 0.2 },
  { type: 'dense', units: 3 },
  { type: 'dense', units: 5, activation: 'tanh' },
];

describe('inference fusion of dense layers into a chain', () => {
  for (const backend of ['wasm', 'cpu']) {
    it(`gives exactly the unfused outputs on ${backend}, on one thread and split`, () => {
      const { engine, model } = build(backend, mlp, [70]);
      const rng = new Rng(5);
      for (const p of model.parameters()) p.value.frozen = true;
      const inputs = [7, 300].map((n) => engine.tensor(Float32Array.from({ length: n * 70 }, () => rng.uniform(-1, 1)), [n, 70]).keep());
      const run = (x: (typeof inputs)[number]) => engine.noGrad(() => engine.scope(() => Array.from(model.forward(x, { training: false }).data)));
      const unfused = inputs.map(run);
      model.prepareInference();
      const calls: string[] = [];
      for (const l of model.layers) {
        const forward = l.layer.forward.bind(l.layer);
        l.layer.forward = (t, ctx) => (calls.push(l.type), forward(t, ctx));
      }
      expect(inputs.map(run)).toEqual(unfused);
      // The three chained layers ran as one (none of their own forwards): only tanh's dense, once per input.
      expect(calls).toEqual(['dense', 'dense']);
      for (const x of inputs) x.dispose();
      model.dispose();
    });
  }
});
