import { Rng } from '@hyperspec/core';
import { conv2d, dense, reluMaxPool2d, reshape, type Engine, type Tensor } from '@hyperspec/core/tensor';

/** A classifier built from core ops: parameters plus a forward pass to logits. */
export interface BenchModel {
  params: Tensor[];
  /** Input shape of one sample (no batch axis). */
  sampleShape: number[];
  forward(x: Tensor): Tensor;
}

/** Glorot/Xavier uniform (Glorot & Bengio 2010): U(±√(6 / (fanIn + fanOut))). */
function glorot(engine: Engine, rng: Rng, shape: number[], fanIn: number, fanOut: number): Tensor {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const size = shape.reduce((p, d) => p * d, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.uniform(-limit, limit);
  return engine.variable(values, shape);
}

function zeros(engine: Engine, n: number): Tensor {
  return engine.variable(new Float32Array(n), [n]);
}

/** W-MLP: 784-256-128-10 with ReLU (other layer sizes for the scaling bench; ReLU between all but the last). */
export function mlp(engine: Engine, seed: number, sizes: readonly number[] = [784, 256, 128, 10]): BenchModel {
  const rng = new Rng(seed);
  const params: Tensor[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    params.push(glorot(engine, rng, [sizes[i], sizes[i + 1]], sizes[i], sizes[i + 1]), zeros(engine, sizes[i + 1]));
  }
  return {
    params,
    sampleShape: [784],
    forward: (x) => {
      let h = x;
      for (let i = 0; i < params.length; i += 2) h = dense(h, params[i], params[i + 1], i + 2 < params.length ? 'relu' : 'linear');
      return h;
    },
  };
}

/** W-CNN: conv 3×3×32, ReLU, maxpool 2, conv 3×3×64, ReLU, maxpool 2, dense 128 ReLU, dense 10. */
export function cnn(engine: Engine, seed: number): BenchModel {
  const rng = new Rng(seed);
  const params = [
    glorot(engine, rng, [32, 1, 3, 3], 1 * 9, 32 * 9), zeros(engine, 32),
    glorot(engine, rng, [64, 32, 3, 3], 32 * 9, 64 * 9), zeros(engine, 64),
    glorot(engine, rng, [1600, 128], 1600, 128), zeros(engine, 128),
    glorot(engine, rng, [128, 10], 128, 10), zeros(engine, 10),
  ];
  const [c1, cb1, c2, cb2, d1, db1, d2, db2] = params;
  return {
    params,
    sampleShape: [1, 28, 28],
    forward: (x) => {
      // ReLU then max pooling in one pass (what `hyperspec train` runs for a conv2d relu + max_pool2d pair).
      let h = reluMaxPool2d(conv2d(x, c1, cb1), { kernel: 2 });
      h = reluMaxPool2d(conv2d(h, c2, cb2), { kernel: 2 });
      h = reshape(h, [h.shape[0], 1600]);
      return dense(dense(h, d1, db1, 'relu'), d2, db2);
    },
  };
}
