import { describe, expect, it } from 'vitest';
import cpu from '@hyperspec/backend-cpu';
import { createContainer, EngineToken, isHyperspecError, Rng } from '@hyperspec/core';
import { dense, dropout, mean, softmaxCrossEntropy, square, sub, type Engine, type Tensor } from '@hyperspec/core/tensor';

function engine(): Engine {
  return createContainer([cpu]).get(EngineToken);
}

/** A two-layer classifier step on a 4-sample batch: loss, and gradients into w1, w2. */
function step(e: Engine, x: Tensor, y: Tensor, w1: Tensor, w2: Tensor, rng: Rng): Tensor {
  const h = dropout(dense(x, w1, null, 'relu'), 0.25, rng, true);
  const loss = softmaxCrossEntropy(dense(h, w2, null), y);
  e.backward(loss);
  return loss;
}

const batches = [
  { x: [0.5, -1, 2, 0.1, -0.3, 0.8, 1.5, -2, 0, 0.7, -0.6, 1.1], y: [0, 2, 1, 2] },
  { x: [1, 1, -1, 0.2, 0.4, -0.9, -1.2, 0.3, 2, -0.5, 0.6, 0.05], y: [1, 0, 0, 2] },
  { x: [-0.1, 0.9, 0.3, 1.7, -1.4, 0.2, 0.8, 0.8, -0.8, 1.2, 0.1, -0.4], y: [2, 1, 0, 1] },
];

describe('engine.capture', () => {
  it('replays a recorded step on new inputs exactly as the eager step computes it, dropout draws included', () => {
    const run = (captured: boolean) => {
      const e = engine();
      const w1 = e.variable([0.3, -0.2, 0.5, 0.1, -0.4, 0.6, 0.2, 0.7, -0.1, 0.25, -0.35, 0.45, 0.15, -0.5, 0.05], [3, 5]);
      const w2 = e.variable([0.1, -0.3, 0.2, 0.4, 0.5, -0.6, -0.2, 0.3, 0.1, 0.6, -0.1, 0.2, 0.3, -0.4, 0.5], [5, 3]);
      const rng = new Rng(9);
      const out: number[][] = [];
      let replay: (() => number) | null = null;
      for (const b of batches) {
        if (!captured) {
          out.push([e.scope(() => step(e, e.tensor(b.x, [4, 3]), e.tensor(b.y, [4]), w1, w2, rng).item()), ...w1.grad!.data, ...w2.grad!.data]);
          continue;
        }
        if (!replay) {
          const { result, step: recorded } = e.capture(() => {
            const x = e.empty([4, 3]);
            const y = e.empty([4]);
            x.data.set(b.x);
            y.data.set(b.y);
            return { x, y, loss: step(e, x, y, w1, w2, rng) };
          });
          expect(recorded.notReplayable).toBeNull();
          expect(recorded.length).toBeGreaterThan(10);
          replay = () => {
            result.x.data.set(batches[out.length].x);
            result.y.data.set(batches[out.length].y);
            recorded.replay();
            return result.loss.item();
          };
          out.push([result.loss.item(), ...w1.grad!.data, ...w2.grad!.data]);
          continue;
        }
        out.push([replay(), ...w1.grad!.data, ...w2.grad!.data]);
      }
      return out;
    };
    const eager = run(false);
    const replayed = run(true);
    // Gradients accumulate across steps here (never zeroed), so a replay that re-initialised them would differ.
    expect(replayed).toEqual(eager);
    expect(new Set(eager.map((r) => r[0])).size).toBe(3);
  });

  it('keeps the recorded buffers out of the pool until disposed, then gives them all back', () => {
    const e = engine();
    const w = e.variable([1, 2, 3, 4], [2, 2]);
    const live = e.backend.stats().live;
    const { result, step } = e.capture(() => {
      const x = e.tensor([1, 0, 0, 1], [2, 2]);
      const loss = mean(square(sub(dense(x, w, null), e.tensor([0, 1, 1, 0], [2, 2]))));
      e.backward(loss);
      return loss;
    });
    // The gradient is state made on the first backward; the step holds its temporaries and the result.
    const held = e.backend.stats().live - live - 1;
    expect(held).toBeGreaterThan(5);
    // Other work meanwhile gets fresh buffers, never the step's (which all have this size or one).
    const created = e.backend.stats().created;
    e.scope(() => {
      expect(e.empty([]).data).not.toBe(result.data);
      e.empty([2, 2]);
    });
    expect(e.backend.stats().created).toBe(created + 2);
    const before = result.item();
    step.replay();
    expect(result.item()).toBe(before);
    step.dispose();
    expect(e.backend.stats().live).toBe(live + 1);
    expect(result.disposed).toBe(true);
    expect(() => step.replay()).toThrow(/disposed/);
  });

  it('refuses to replay a step that created state while recording', () => {
    const e = engine();
    let state: Tensor | null = null;
    const { step } = e.capture(() => {
      state = e.zeros([3]).keep();
      return e.scalar(1);
    });
    expect(step.notReplayable).toMatch(/1 tensor\(s\) made while recording were kept/);
    expect(() => step.replay()).toThrow(/cannot be replayed/);
    step.dispose();
    // The kept tensor is its maker's, not the step's.
    expect(state!.disposed).toBe(false);
    expect(Array.from(state!.data)).toEqual([0, 0, 0]);
  });

  it('does not nest, and a recording that throws leaves the engine recording nothing', () => {
    const e = engine();
    const backend = e.backend;
    expect(() => e.capture(() => e.capture(() => e.scalar(1)))).toThrow(/another capture is recording/);
    let error: unknown;
    try {
      e.capture(() => softmaxCrossEntropy(e.tensor([1, 2], [1, 2]), e.tensor([5], [1])));
    } catch (caught) {
      error = caught;
    }
    expect(isHyperspecError(error) && error.kind === 'data' && /label 5 at row 0/.test(error.message)).toBe(true);
    // Ops see the backend itself again, and a new capture can start.
    expect(e.backend).toBe(backend);
    const { result, step } = e.capture(() => e.scalar(4));
    step.replay();
    expect(result.item()).toBe(4);
    step.dispose();
  });
});
