import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import initializers from '@hyperspec/initializer';
import layersDense from '@hyperspec/layer-dense';
import losses from '@hyperspec/loss';
import metrics from '@hyperspec/metric';
import { ComponentsToken, EngineToken, LearningRate, Rng, Trainer, buildModel, createContainer, isHyperspecError, type ArraySplit, type Loss, type Metric, type Optimizer } from '@hyperspec/core';
import { EarlyStopping } from '@hyperspec/callback-early-stopping';

/** XOR of the signs of two coordinates: not linearly separable, so only a hidden layer learns it. */
function xorData(n: number, seed: number): ArraySplit {
  const rng = new Rng(seed);
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = a * b > 0 ? 1 : 0;
  }
  return { x, y, count: n };
}

/** Plain gradient descent written in the test, so the trainer is checked on its own. */
const plainSgd: Optimizer = {
  step(params, lr) {
    for (const p of params) for (let i = 0; i < p.value.length; i++) p.value[i] -= lr * p.grad[i];
  },
  saveState: () => ({ step: 0, slots: {} }),
  loadState: () => {},
};

function setup() {
  const c = createContainer([cpu, initializers, layersDense, losses, metrics]);
  const components = c.get(ComponentsToken);
  const engine = c.get(EngineToken);
  const model = buildModel(
    [{ type: 'dense', units: 16, activation: 'tanh' }, { type: 'dense', units: 2 }],
    { components, engine, rng: new Rng(7), inputShape: [2] },
  );
  const loss = components.create<Loss>('loss', 'cross_entropy', 'loss');
  const accuracy = () => [components.create<Metric>('metric', 'accuracy', 'metrics[0]')];
  return { engine, model, loss, accuracy };
}

describe('Trainer', () => {
  it('learns XOR: validation accuracy above 95% and the loss falls', async () => {
    const { engine, model, loss, accuracy } = setup();
    const result = await new Trainer().fit({
      engine, model, loss, optimizer: plainSgd, learningRate: new LearningRate(0.5), metrics: accuracy,
      train: xorData(800, 1), validation: xorData(200, 2), sampleShape: [2], targetShape: [],
      epochs: 60, batchSize: 32, rng: new Rng(3),
    });
    const first = result.history[0];
    const last = result.history[result.history.length - 1];
    expect(last.val_accuracy).toBeGreaterThan(0.95);
    expect(last.loss).toBeLessThan(first.loss / 3);
    expect(result.steps).toBe(60 * 25);
  });

  it('allocates no new buffers once training is in steady state', async () => {
    const { engine, model, loss, accuracy } = setup();
    const common = { engine, model, loss, optimizer: plainSgd, learningRate: new LearningRate(0.1), metrics: accuracy, train: xorData(256, 1), sampleShape: [2], targetShape: [], batchSize: 32, rng: new Rng(3) };
    await new Trainer().fit({ ...common, epochs: 1 });
    const created = engine.backend.stats().created;
    await new Trainer().fit({ ...common, epochs: 5 });
    expect(engine.backend.stats().created).toBe(created);
  });

  it('stops naming the epoch and what diverged: the inputs (with the sample) or the weights (with the parameter)', async () => {
    const { engine, model, loss, accuracy } = setup();
    const data = xorData(64, 1);
    data.x[5] = NaN;
    const common = { engine, model, loss, optimizer: plainSgd, metrics: accuracy, sampleShape: [2], targetShape: [], epochs: 2, batchSize: 64, rng: new Rng(1) };
    await expect(new Trainer().fit({ ...common, learningRate: new LearningRate(0.1), train: data })).rejects.toSatisfy(
      (e: unknown) => isHyperspecError(e) && e.kind === 'data' && /^the loss became NaN at epoch 1, batch 1 \(learning rate 0\.1\): the inputs are not finite: training sample 2 holds NaN at position 1$/.test(e.message),
    );
    // Weights that diverged in earlier steps (or were loaded so): one of them is NaN.
    const fresh = setup();
    fresh.model.parameters()[2].value.data[1] = NaN;
    await expect(new Trainer().fit({ ...common, engine: fresh.engine, model: fresh.model, loss: fresh.loss, metrics: fresh.accuracy, learningRate: new LearningRate(0.1), train: xorData(64, 1) })).rejects.toSatisfy(
      (e: unknown) => isHyperspecError(e) && e.kind === 'numeric' && /^the loss became NaN at epoch 1, batch 1 \(learning rate 0\.1\): the weights diverged: parameter "\d+\.\w+" holds NaN at index 1$/.test(e.message),
    );
  });

  it('early stopping ends training when the monitored value stops improving', async () => {
    const { engine, model, loss, accuracy } = setup();
    const stopper = new EarlyStopping({ monitor: 'val_loss', patience: 2, min_delta: 0, mode: 'auto' });
    // A learning rate of 0 never improves anything.
    const result = await new Trainer().fit({
      engine, model, loss, optimizer: plainSgd, learningRate: new LearningRate(0), metrics: accuracy,
      train: xorData(64, 1), validation: xorData(64, 2), sampleShape: [2], targetShape: [], epochs: 50, batchSize: 16, rng: new Rng(1), callbacks: [stopper],
    });
    expect(result.stopped).toBe(true);
    expect(result.history.length).toBe(3);
  });
});
