import { describe, expect, it } from 'vitest';
import { ComponentsToken, EngineToken, type Optimizer, type ParameterSlot } from '@hyperspec/core';
import { add, matmul, softmaxCrossEntropy, tanh } from '@hyperspec/core/tensor';
import { createDefaultContainer } from 'hyperspec';
import { expectFixtureCount, readPytorchFixture } from '@hyperspec/core/testing';

interface Arr {
  shape: number[];
  data: number[];
}

const trace = readPytorchFixture<{
  optimizer: { lr: number; momentum: number };
  x: Arr;
  y: number[];
  initial: Record<'W1' | 'b1' | 'W2' | 'b2', Arr>;
  final: Record<'W1' | 'b1' | 'W2' | 'b2', Arr>;
  loss_per_step: number[];
}>('training.json');
expectFixtureCount('training.json', 'steps', trace.loss_per_step.length, 25);

describe('the PyTorch training trace (6-16-3 tanh MLP, SGD with momentum)', () => {
  it('reproduces the loss at every step and the final parameters', () => {
    const container = createDefaultContainer();
    const engine = container.get(EngineToken);
    const names = ['W1', 'b1', 'W2', 'b2'] as const;
    const params = Object.fromEntries(names.map((n) => [n, engine.variable(trace.initial[n].data, trace.initial[n].shape)])) as Record<(typeof names)[number], ReturnType<typeof engine.variable>>;
    const optimizer = container.get(ComponentsToken).create<Optimizer>('optimizer', { type: 'sgd', learning_rate: trace.optimizer.lr, momentum: trace.optimizer.momentum }, 'train.optimizer');
    let slots: ParameterSlot[] = [];
    const [rows, cols] = trace.x.shape;
    trace.loss_per_step.forEach((expected, k) => {
      const start = (8 * k) % rows;
      const loss = engine.scope(() => {
        const x = engine.tensor(trace.x.data.slice(start * cols, (start + 8) * cols), [8, cols]);
        const y = engine.tensor(trace.y.slice(start, start + 8), [8]);
        const h = tanh(add(matmul(x, params.W1), params.b1));
        const l = softmaxCrossEntropy(add(matmul(h, params.W2), params.b2), y);
        for (const n of names) params[n].grad?.data.fill(0);
        engine.backward(l);
        return l.item();
      });
      expect(Math.abs(loss - expected)).toBeLessThan(1e-4);
      slots = names.map((n) => ({ name: n, value: params[n].data, grad: params[n].grad!.data }));
      optimizer.step(slots, trace.optimizer.lr);
    });
    for (const n of names) {
      const got = params[n].toArray();
      trace.final[n].data.forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThan(1e-4 + 1e-4 * Math.abs(v)));
    }
  });
});
