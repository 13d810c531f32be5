import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import initializers from '@hyperspec/initializer';
import layersBatchnorm from '@hyperspec/layer-batchnorm';
import layersConv from '@hyperspec/layer-conv';
import layersDense from '@hyperspec/layer-dense';
import layerActivation from '@hyperspec/layer-activation';
import layerFlatten from '@hyperspec/layer-flatten';
import layersDropout from '@hyperspec/layer-dropout';
import layersPooling from '@hyperspec/layer-pooling';
import { ComponentsToken, EngineToken, Rng, buildModel, createContainer, type LayerSpec, type Model } from '@hyperspec/core';
import { softmaxCrossEntropy, type Engine } from '@hyperspec/core/tensor';

const SIZE = 8;

/** Images with one bright horizontal (class 0) or vertical (class 1) bar, in noise. */
function bars(count: number, rng: Rng): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(count * SIZE * SIZE);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const vertical = rng.next() < 0.5;
    const line = rng.int(SIZE);
    y[i] = vertical ? 1 : 0;
    for (let r = 0; r < SIZE; r++) {
      for (let c = 0; c < SIZE; c++) {
        const on = vertical ? c === line : r === line;
        x[i * SIZE * SIZE + r * SIZE + c] = (on ? 1 : 0) + 0.3 * rng.normal();
      }
    }
  }
  return { x, y };
}

/** Plain SGD (p ← p − lr·∇p) on fresh batches; returns accuracy on held-out images in inference mode. */
function train(engine: Engine, model: Model, steps: number, lr: number): number {
  const rng = new Rng(21);
  const params = model.parameters();
  for (let step = 0; step < steps; step++) {
    const batch = bars(32, rng);
    engine.scope(() => {
      const logits = model.forward(engine.tensor(batch.x, [32, 1, SIZE, SIZE]), { training: true });
      engine.backward(softmaxCrossEntropy(logits, engine.tensor(batch.y, [32])));
    });
    for (const p of params) {
      const g = p.value.grad!.data;
      const v = p.value.data;
      for (let i = 0; i < v.length; i++) v[i] -= lr * g[i];
      g.fill(0);
    }
  }
  const test = bars(400, new Rng(99));
  return engine.noGrad(() =>
    engine.scope(() => {
      const logits = model.forward(engine.tensor(test.x, [400, 1, SIZE, SIZE]), { training: false }).data;
      let correct = 0;
      for (let i = 0; i < 400; i++) if ((logits[2 * i + 1] > logits[2 * i] ? 1 : 0) === test.y[i]) correct++;
      return correct / 400;
    }),
  );
}

function buildNet(layers: LayerSpec[]): { engine: Engine; model: Model } {
  const c = createContainer([cpu, initializers, layersConv, layersPooling, layersDropout, layersBatchnorm, layersDense, layerFlatten, layerActivation]);
  const engine = c.get(EngineToken);
  const model = buildModel(layers, { components: c.get(ComponentsToken), engine, rng: new Rng(5), inputShape: [1, SIZE, SIZE] });
  return { engine, model };
}

describe('a small conv net learns horizontal versus vertical bars', () => {
  it('conv2d → max_pool2d → dense reaches ≥ 95% with plain SGD', () => {
    const { engine, model } = buildNet([
      { type: 'conv2d', filters: 8, kernel_size: 3, activation: 'relu' },
      { type: 'max_pool2d', pool_size: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
    ]);
    expect(train(engine, model, 300, 0.1)).toBeGreaterThanOrEqual(0.95);
  });

  it('with same padding, batch norm, average pooling and dropout too', () => {
    const { engine, model } = buildNet([
      { type: 'conv2d', filters: 8, kernel_size: 3, padding: 'same' },
      { type: 'batch_norm' },
      { type: 'relu' },
      { type: 'avg_pool2d', pool_size: 2 },
      { type: 'dropout', rate: 0.2 },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
    ]);
    expect(train(engine, model, 300, 0.1)).toBeGreaterThanOrEqual(0.95);
  });
});
