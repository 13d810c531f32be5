import { afterAll, describe, expect, it } from 'vitest';
import { dense, Engine, relu, softmaxCrossEntropy, type Tensor } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { mulberry32 } from './random.js';

// After warm-up, a training step (forward, backward, SGD update) must be served entirely from the
// buffer pool: no new buffers, so no memory growth and no new views of the wasm memory.
describe('wasm backend steady state', () => {
  const backend = new WasmBackend({ threads: 2 });
  afterAll(() => backend.dispose());

  it('creates no buffers over 100 training steps of a small MLP, and learns', () => {
    const engine = new Engine(backend);
    const rand = mulberry32(7);
    const init = (n: number, scale: number) => Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
    const [inputs, hidden, classes, batch] = [20, 64, 4, 32];
    const params: Tensor[] = [
      engine.variable(init(inputs * hidden, Math.sqrt(6 / (inputs + hidden))), [inputs, hidden]),
      engine.variable(new Array(hidden).fill(0), [hidden]),
      engine.variable(init(hidden * classes, Math.sqrt(6 / (hidden + classes))), [hidden, classes]),
      engine.variable(new Array(classes).fill(0), [classes]),
    ];
    // A fixed batch whose label is the argmax of the first `classes` features: learnable.
    const x = init(batch * inputs, 1);
    const y = Array.from({ length: batch }, (_, i) => {
      let best = 0;
      for (let c = 1; c < classes; c++) if (x[i * inputs + c] > x[i * inputs + best]) best = c;
      return best;
    });
    const step = (): number => {
      const loss = engine.scope(() => {
        const xb = engine.tensor(x, [batch, inputs]);
        const yb = engine.tensor(y, [batch]);
        const h = relu(dense(xb, params[0], params[1]));
        const l = softmaxCrossEntropy(dense(h, params[2], params[3]), yb);
        engine.backward(l);
        return l.item();
      });
      for (const p of params) {
        const g = p.grad!.data;
        for (let i = 0; i < p.size; i++) p.data[i] -= 0.1 * g[i];
        g.fill(0);
      }
      return loss;
    };
    const first = step();
    for (let i = 0; i < 5; i++) step();
    const before = backend.stats();
    let last = first;
    for (let i = 0; i < 100; i++) last = step();
    const after = backend.stats();
    expect(after.created).toBe(before.created);
    expect(after.live).toBe(before.live);
    expect(last).toBeLessThan(first * 0.5);
  });
});
