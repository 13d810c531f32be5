import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Trainer } from '@hyperspec/core';
import { CapturedStep } from '@hyperspec/core/tensor';
import { Session, type SpecObject } from 'hyperspec';

/** Losses and a digest of every parameter's bytes after every optimizer step, and how the steps ran. */
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
async function trace(backend: string, spec: SpecObject, captureStep: boolean): Promise<Trace> {
  const session = new Session({ backend });
  const run = await session.compose({ ...spec, backend, train: { ...spec.train, capture_step: captureStep } });
  expect(run.engine.backend.name).toBe(backend);
  const params = run.model.parameters().map((p) => p.value.data);
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
const samples = 24 * 32 + 10;
const steps = 100;

const mlp: SpecObject = {
  seed: 3,
  data: { type: 'mnist', flatten: true, train_limit: samples, test_limit: 0, validation_split: 0 },
  model: { type: 'mlp', hidden_layers: 2, units: [64, 32], activation: 'relu' },
  regularization: [{ type: 'dropout', rate: 0.2 }],
  loss: { type: 'cross_entropy' },
  train: { epochs: 4, batch_size: 32, optimizer: { type: 'adam', learning_rate: 0.002 } },
};

const cnn: SpecObject = {
  seed: 5,
  data: { type: 'mnist', train_limit: samples, test_limit: 0, validation_split: 0 },
  model: { type: 'cnn', conv_layers: 2, filters: [4, 8], kernel_size: 3, pooling: 'max', hidden_layers: 1, units: 32, activation: 'relu' },
  loss: { type: 'cross_entropy' },
  train: { epochs: 4, batch_size: 32, optimizer: { type: 'adam', learning_rate: 0.002 } },
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
