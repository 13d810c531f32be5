import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { definePlugin, runTraining, Trainer, type ComponentDescriptor, type Layer, type LayerContext } from '@hyperspec/core';
import { CapturedStep, mul, sigmoid, type Tensor } from '@hyperspec/core/tensor';
import { openSpec, Session, type SpecObject } from 'hyperspec';
import type { ContainerModule } from 'inversify';
import { tempDir } from './cli-helpers.js';
import { repoRoot } from './repo-paths.js';

/** Losses and a digest of the model's bytes after every optimizer step, and how the steps ran. */
interface Trace {
  losses: number[];
  digests: string[];
  captures: number;
  replays: number;
}

function digest(values: readonly Float32Array[]): string {
  const hash = createHash('sha256');
  // Copied out first: the wasm backend's arrays are views of shared memory.
  for (const v of values) hash.update(new Uint8Array(Float32Array.from(v).buffer));
  return hash.digest('hex');
}

/** Trains `spec` on `backend` and records the trace after every step. */
async function trace(backend: string, spec: SpecObject, captureStep: boolean, plugins: readonly ContainerModule[] = []): Promise<Trace> {
  const session = new Session({ backend, plugins });
  const run = await session.compose({ ...spec, backend, train: { ...spec.train, capture_step: captureStep } });
  expect(run.engine.backend.name).toBe(backend);
  // Parameters and batch-norm running statistics.
  const params = [...run.model.parameters().map((p) => p.value.data), ...Object.values(run.model.buffers()).map((t) => t.data)];
  const captures = vi.spyOn(run.engine, 'capture');
  const replays = vi.spyOn(CapturedStep.prototype, 'replay');
  const losses: number[] = [];
  const digests: string[] = [];
  await new Trainer().fit({
    ...run,
    callbacks: [{ onBatchEnd: ({ loss }) => { losses.push(loss); digests.push(digest(params)); } }],
  });
  const result = { losses, digests, captures: captures.mock.calls.length, replays: replays.mock.calls.length };
  captures.mockRestore();
  replays.mockRestore();
  return result;
}

/** 100 steps: 4 epochs of 25 batches, the last of each epoch 10 samples (a shape the capture does not cover). */
const samples = 24 * 16 + 10;
const steps = 100;

const mlp: SpecObject = {
  seed: 3,
  data: { type: 'mnist', flatten: true, train_limit: samples, test_limit: 0, validation_split: 0 },
  model: { type: 'mlp', hidden_layers: 2, units: [64, 32], activation: 'relu' },
  regularization: [{ type: 'dropout', rate: 0.2 }],
  loss: { type: 'cross_entropy' },
  train: { epochs: 4, batch_size: 16, optimizer: { type: 'adam', learning_rate: 0.002 } },
};

const cnn: SpecObject = {
  seed: 5,
  data: { type: 'mnist', train_limit: samples, test_limit: 0, validation_split: 0 },
  model: { type: 'cnn', conv_layers: 2, filters: [4, 8], kernel_size: 3, pooling: 'max', hidden_layers: 1, units: 32, activation: 'relu' },
  loss: { type: 'cross_entropy' },
  train: { epochs: 4, batch_size: 16, optimizer: { type: 'adam', learning_rate: 0.002 } },
};

afterEach(() => vi.restoreAllMocks());

describe('a captured training step replays bit for bit what the eager step computes', () => {
  for (const backend of ['cpu', 'wasm']) {
    for (const [name, spec] of [['MLP (ReLU, dropout, Adam, softmax cross-entropy)', mlp], ['CNN (conv, max pooling, dense)', cnn]] as const) {
      it(`${name} on ${backend}: the same losses and parameters after each of ${steps} steps`, async () => {
        const eager = await trace(backend, spec, false);
        const replayed = await trace(backend, spec, true);
        expect(eager.captures).toBe(0);
        expect(eager.replays).toBe(0);
        // Captured on the first batch; the other full batches replay; the 4 short last batches run eagerly.
        expect(replayed.captures).toBe(1);
        expect(replayed.replays).toBe(steps - 1 - 4);
        expect(replayed.losses).toHaveLength(steps);
        expect(replayed.losses).toEqual(eager.losses);
        const firstDifference = replayed.digests.findIndex((d, i) => d !== eager.digests[i]);
        expect(firstDifference).toBe(-1);
        // It learned something: the last epoch's losses are below the first batch's.
        expect(Math.max(...replayed.losses.slice(-10))).toBeLessThan(replayed.losses[0]);
      });
    }
  }
});

/** Swish x·σ(x) as a third party might write it: core ops only, but without declaring `capturable`. */
const swish: ComponentDescriptor<Layer, Record<string, never>, LayerContext> = {
  kind: 'layer',
  type: 'swish',
  description: 'x·sigmoid(x)',
  schema: { $id: 'test:layer/swish', type: 'object', properties: {}, additionalProperties: false },
  create: (_options, ctx) => ({ outputShape: ctx.inputShape.slice(), forward: (x: Tensor) => mul(x, sigmoid(x)), parameters: () => [] }),
};

/** Declares `capturable` but keeps a tensor it makes in forward (state a replay would overwrite). */
const remembering: ComponentDescriptor<Layer, Record<string, never>, LayerContext> = {
  kind: 'layer',
  type: 'remembering',
  description: 'the identity, keeping its last input',
  schema: { $id: 'test:layer/remembering', type: 'object', properties: {}, additionalProperties: false },
  create: (_options, ctx) => {
    let last: Tensor | null = null;
    return {
      outputShape: ctx.inputShape.slice(),
      capturable: true,
      forward: (x: Tensor) => {
        last?.dispose();
        last = x.engine.zeros(x.shape).keep();
        return x;
      },
      parameters: () => [],
    };
  },
};

const iris = (model: SpecObject['model'], extra: Partial<SpecObject> = {}): SpecObject => ({
  seed: 11,
  data: { type: 'iris', validation_split: 0 },
  model,
  loss: { type: 'cross_entropy' },
  train: { epochs: 3, batch_size: 16, optimizer: { type: 'rmsprop', learning_rate: 0.01 } },
  ...extra,
});

describe('every built-in capturable component replays bit for bit (cpu, short runs with a short last batch)', () => {
  const cases: [string, SpecObject][] = [
    ['activations, 1-d batch norm, dropout, softmax, L1 and L2 penalties', iris({
      type: 'sequential',
      layers: [
        { type: 'dense', units: 12, activation: 'sigmoid' }, { type: 'batch_norm' }, { type: 'dense', units: 12, activation: 'tanh' },
        { type: 'leaky_relu', alpha: 0.1 }, { type: 'elu' }, { type: 'dense', units: 12, activation: 'gelu' }, { type: 'softplus' },
        { type: 'dropout', rate: 0.3 }, { type: 'dense', units: 3, activation: 'softmax' },
      ],
    }, { regularization: [{ type: 'l1', rate: 0.001 }, { type: 'weight_decay', rate: 0.01 }] })],
    ['mse regression', {
      seed: 2,
      data: { type: 'csv', path: join(repoRoot, 'examples/data/iris.csv'), target: 'petal_width', categorical: ['species'], task: 'regression', validation_split: 0 },
      model: { type: 'mlp', hidden_layers: 1, units: 8, activation: 'relu' },
      loss: { type: 'mse' },
      train: { epochs: 3, batch_size: 16, optimizer: { type: 'sgd', learning_rate: 0.05, momentum: 0.9 } },
    }],
    ['binary cross-entropy', {
      seed: 4,
      data: { type: 'spam', limit: 150, vocabulary_size: 200, validation_split: 0 },
      model: { type: 'mlp', hidden_layers: 1, units: 8, activation: 'relu' },
      loss: { type: 'binary_cross_entropy' },
      train: { epochs: 2, batch_size: 32, optimizer: { type: 'adagrad', learning_rate: 0.05 } },
    }],
    ['conv with tanh and elu, 2-d batch norm, average and max pooling', {
      seed: 6,
      data: { type: 'mnist', train_limit: 90, test_limit: 0, validation_split: 0 },
      model: {
        type: 'sequential',
        layers: [
          { type: 'conv2d', filters: 3, kernel_size: 3, padding: 'same', activation: 'tanh' }, { type: 'batch_norm' }, { type: 'avg_pool2d' },
          { type: 'conv2d', filters: 4, kernel_size: 3, activation: 'elu' }, { type: 'max_pool2d', pool_size: 2, stride: 1 },
          { type: 'flatten' }, { type: 'dense', units: 10 },
        ],
      },
      loss: { type: 'cross_entropy' },
      train: { epochs: 2, batch_size: 16, optimizer: { type: 'adam', learning_rate: 0.003 } },
    }],
  ];
  for (const [name, spec] of cases) {
    it(name, async () => {
      const eager = await trace('cpu', spec, false);
      const replayed = await trace('cpu', spec, true);
      expect(replayed.captures).toBe(1);
      expect(replayed.replays).toBeGreaterThan(0);
      expect(replayed.losses).toEqual(eager.losses);
      expect(replayed.digests).toEqual(eager.digests);
      const average = (l: number[]) => l.reduce((a, b) => a + b, 0) / l.length;
      expect(average(replayed.losses.slice(-4))).toBeLessThan(average(replayed.losses.slice(0, 4)));
    });
  }
});

describe('steps run eagerly when replay would not be exact', () => {
  it('a layer that does not declare capturable: never captured, the same training', async () => {
    const plugins = [definePlugin('test-swish', [swish])];
    const spec = iris({ type: 'sequential', layers: [{ type: 'dense', units: 8 }, { type: 'swish' }, { type: 'dense', units: 3 }] });
    const eager = await trace('cpu', spec, false, plugins);
    const replayed = await trace('cpu', spec, true, plugins);
    expect(replayed.captures).toBe(0);
    expect(replayed.replays).toBe(0);
    expect(replayed.digests).toEqual(eager.digests);
  });

  it('a step that creates state while recorded: captured once, then eager, the same training', async () => {
    const plugins = [definePlugin('test-remembering', [remembering])];
    const spec = iris({ type: 'sequential', layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'remembering' }, { type: 'dense', units: 3 }] });
    const eager = await trace('cpu', spec, false, plugins);
    const replayed = await trace('cpu', spec, true, plugins);
    expect(replayed.captures).toBe(1);
    expect(replayed.replays).toBe(0);
    expect(replayed.losses.length).toBeGreaterThan(20);
    expect(replayed.digests).toEqual(eager.digests);
  });
});

describe('checkpoints', () => {
  it('a replayed run that crashed and resumed ends with the parameters and metrics of an uninterrupted eager run', async () => {
    const train = async (runDir: string, captureStep: boolean, options: { crashAfterEpoch?: number; resume?: boolean } = {}) => {
      const opened = await openSpec(join(repoRoot, 'examples/iris.yaml'));
      const spec = { ...opened.spec, regularization: [{ type: 'dropout', rate: 0.1 }], train: { ...opened.spec.train, epochs: 8, capture_step: captureStep } };
      const crash = { onEpochEnd: ({ epoch }: { epoch: number }) => {
        if (epoch + 1 === options.crashAfterEpoch) throw new Error('simulated crash');
      } };
      return runTraining(spec, opened.container, { runDir, resume: options.resume, out: null, callbacks: options.crashAfterEpoch ? [crash] : [] });
    };
    const eager = join(tempDir(), 'eager');
    await train(eager, false);
    const replayed = join(tempDir(), 'replayed');
    const replays = vi.spyOn(CapturedStep.prototype, 'replay');
    await expect(train(replayed, true, { crashAfterEpoch: 3 })).rejects.toThrow('simulated crash');
    await train(replayed, true, { resume: true });
    expect(replays.mock.calls.length).toBeGreaterThan(8 * 5);
    expect(readFileSync(join(replayed, 'metrics.jsonl'), 'utf8')).toBe(readFileSync(join(eager, 'metrics.jsonl'), 'utf8'));
    expect(readFileSync(join(replayed, 'parameters.safetensors')).equals(readFileSync(join(eager, 'parameters.safetensors')))).toBe(true);
  });
});
