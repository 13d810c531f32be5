// A training loop written with the tensor engine itself — no spec, no trainer: a 4-16-3 MLP on the
// iris flowers with core's ops (dense, softmaxCrossEntropy), backward, and plain SGD on the
// parameters' arrays. With `capture`, the first batch runs inside `engine.capture`, which records
// every kernel call of the forward and backward; each later batch copies its samples into the
// recorded input tensors and calls `step.replay()`: the same kernels on the same buffers (the same
// results, bit for bit), without building tensor objects or a tape again. This is what the trainer
// does for `train.capture_step`. Capture only a step whose shapes and scalars stay the same from one
// batch to the next (here every batch has 30 rows); run any other batch eagerly.
import { Rng } from '@hyperspec/core';
import { Engine, dense, softmaxCrossEntropy, type CapturedStep, type Tensor } from '@hyperspec/core/tensor';
import { WasmBackend } from '@hyperspec/backend-wasm';
import { irisSamples } from '@hyperspec/dataset-csv';

export async function trainIrisWithEngine({ capture = true, epochs = 100 } = {}): Promise<{ accuracy: number; params: Float32Array[] }> {
  const backend = new WasmBackend({ threads: 1 });
  const engine = new Engine(backend);
  const { all } = irisSamples();
  const x = standardized(all.x, 4);
  const rng = new Rng(7);
  const glorot = (rows: number, cols: number) => {
    const limit = Math.sqrt(6 / (rows + cols));
    return engine.variable(Float32Array.from({ length: rows * cols }, () => rng.uniform(-limit, limit)), [rows, cols]);
  };
  const params = [glorot(4, 16), engine.variable(new Float32Array(16), [16]), glorot(16, 3), engine.variable(new Float32Array(3), [3])];
  const [w1, b1, w2, b2] = params;
  const forward = (input: Tensor) => dense(dense(input, w1, b1, 'relu'), w2, b2);

  const batch = 30;
  const lr = 0.05;
  const order = Array.from({ length: all.count }, (_, i) => i);
  /** Copies the samples order[start, start + batch) into the input and label buffers. */
  const fill = (xs: Float32Array, ys: Float32Array, start: number) => {
    for (let i = 0; i < batch; i++) {
      const row = order[start + i];
      xs.set(x.subarray(row * 4, row * 4 + 4), i * 4);
      ys[i] = all.y[row];
    }
  };
  /** Forward, loss and backward on one batch; returns its input tensors (the recorded ones when captured). */
  const forwardBackward = (start: number) => {
    const xs = engine.empty([batch, 4]);
    const ys = engine.empty([batch]);
    fill(xs.data, ys.data, start);
    engine.backward(softmaxCrossEntropy(forward(xs), ys));
    return { xs, ys };
  };

  let recorded: { result: { xs: Tensor; ys: Tensor }; step: CapturedStep } | null = null;
  for (let epoch = 0; epoch < epochs; epoch++) {
    rng.shuffle(order);
    for (let start = 0; start < all.count; start += batch) {
      if (recorded) {
        fill(recorded.result.xs.data, recorded.result.ys.data, start);
        recorded.step.replay();
      } else if (capture) {
        recorded = engine.capture(() => forwardBackward(start));
      } else {
        engine.scope(() => forwardBackward(start));
      }
      // Plain SGD outside the recording, then the gradients zeroed for the next batch's backward to sum into.
      for (const p of params) {
        const g = p.grad!.data;
        for (let i = 0; i < p.size; i++) p.data[i] -= lr * g[i];
        g.fill(0);
      }
    }
  }
  recorded?.step.dispose();

  const correct = engine.noGrad(() => engine.scope(() => {
    const logits = forward(engine.tensor(x, [all.count, 4])).data;
    let right = 0;
    for (let i = 0; i < all.count; i++) {
      const row = logits.subarray(i * 3, i * 3 + 3);
      if (row.indexOf(Math.max(...row)) === all.y[i]) right++;
    }
    return right;
  }));
  const values = params.map((p) => Float32Array.from(p.data));
  for (const p of params) p.dispose();
  backend.dispose();
  return { accuracy: correct / all.count, params: values };
}

/** Each of the `cols` features scaled to mean 0 and standard deviation 1. */
function standardized(x: Float32Array, cols: number): Float32Array {
  const out = new Float32Array(x.length);
  const rows = x.length / cols;
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += x[r * cols + c] / rows;
    let variance = 0;
    for (let r = 0; r < rows; r++) variance += (x[r * cols + c] - mean) ** 2 / rows;
    for (let r = 0; r < rows; r++) out[r * cols + c] = (x[r * cols + c] - mean) / Math.sqrt(variance);
  }
  return out;
}
