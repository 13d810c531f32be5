import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Mnist, MnistSplit } from '../mnist.js';
import { permutation, sgemmRepetitions, timeEpoch, type EngineSystem, type TrainResult, type TrainWorkload } from '../workloads.js';
import { seededUniform } from './hyperspec-system.js';

type TfBackend = 'cpu' | 'wasm';

/**
 * Loads the TensorFlow.js backends. Importing a backend package registers it with tfjs-core (its
 * documented way); the wasm binaries ship inside @tensorflow/tfjs-backend-wasm and are read from
 * node_modules through setWasmPaths with a file path.
 */
export async function loadTfjsBackends(): Promise<TfBackend[]> {
  // tfjs-core's Node bundle leaves out the gradient functions; the union package's Node bundle
  // registers them (in tfjs's global registry, which every copy of tfjs-core reads).
  await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-cpu');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  wasm.setWasmPaths(dist + path.sep);
  // Production mode skips tfjs's debug-time checks: the fastest configuration it offers.
  tf.enableProdMode();
  const ready: TfBackend[] = [];
  for (const name of ['cpu', 'wasm'] as const) {
    if (await tf.setBackend(name)) ready.push(name);
  }
  return ready;
}

/** TensorFlow.js 4.22.0 on one backend: the same workloads with tf ops and tf.train.adam. */
export class TfjsSystem implements EngineSystem {
  readonly name: string;
  // tfjs-backend-wasm in Node runs its SIMD build on one thread (multithreading is off in Node).
  readonly threads = '1';

  constructor(private readonly backend: TfBackend) {
    this.name = `tfjs-${backend}`;
  }

  private async use(): Promise<void> {
    await tf.setBackend(this.backend);
    await tf.ready();
  }

  /**
   * Both tfjs backends compute a kernel synchronously, inside the `matMul` call, so the timer covers
   * just that call, as it covers `torch.mm` and hyperspec's `matmul` (whose results also stay in
   * backend memory). The download (`dataSync`) happens after the timer stops: it only checks that the
   * product is readable. Never return a typed array from `tf.tidy`: tidy walks its result for tensors
   * key by key, 262,144 keys at n=512, which once made this bench report ~1.6 GFLOP/s for a ~25
   * GFLOP/s kernel.
   */
  async sgemm(n: number): Promise<number> {
    await this.use();
    const a = tf.randomUniform([n, n], -1, 1, 'float32', n);
    const b = tf.randomUniform([n, n], -1, 1, 'float32', n + 1);
    const product = (): number => {
      const t0 = performance.now();
      const c = tf.matMul(a, b);
      const ms = performance.now() - t0;
      c.dataSync();
      c.dispose();
      return ms;
    };
    product(); // warm-up (kernel compilation, first allocation of the output)
    let best = Infinity;
    for (let r = 0; r < sgemmRepetitions(n); r++) best = Math.min(best, product());
    tf.dispose([a, b]);
    return best / 1000;
  }

  async train(w: TrainWorkload, loadData: () => Mnist): Promise<TrainResult> {
    const data = loadData();
    await this.use();
    const model = w.kind === 'mlp' ? tfMlp(w.seed) : tfCnn(w.seed);
    const optimizer = tf.train.adam(w.lr, 0.9, 0.999, 1e-8);
    const order = permutation(w.trainImages, seededUniform(w.seed));
    const batchData = new Float32Array(w.batch * 784);
    const batchLabels = new Int32Array(w.batch);
    try {
      const epoch = timeEpoch(w, (start, end) => {
        const size = end - start;
        fill(data.train, order.subarray(start, end), batchData, batchLabels);
        tf.tidy(() => {
          const x = tf.tensor(batchData.subarray(0, size * 784), [size, ...model.sampleShape]);
          const y = tf.oneHot(tf.tensor1d(batchLabels.subarray(0, size), 'int32'), 10);
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.forward(x)) as tf.Scalar, false, model.params);
        });
      });
      const accuracy = epoch.extrapolatedFrom ? NaN : evaluate(model, data.test, w.testImages);
      return { ...epoch, accuracy };
    } finally {
      optimizer.dispose();
      tf.dispose(model.params);
    }
  }

  async dispose(): Promise<void> {}
}

interface TfModel {
  params: tf.Variable[];
  sampleShape: number[];
  forward(x: tf.Tensor): tf.Tensor2D;
}

function glorot(rng: () => number, shape: number[], fanIn: number, fanOut: number): tf.Variable {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const size = shape.reduce((p, d) => p * d, 1);
  const values = Float32Array.from({ length: size }, () => (rng() * 2 - 1) * limit);
  return tf.variable(tf.tensor(values, shape));
}

const zeros = (n: number) => tf.variable(tf.zeros([n]));

function tfMlp(seed: number): TfModel {
  const rng = seededUniform(seed);
  const sizes = [784, 256, 128, 10];
  const params: tf.Variable[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) params.push(glorot(rng, [sizes[i], sizes[i + 1]], sizes[i], sizes[i + 1]), zeros(sizes[i + 1]));
  return {
    params,
    sampleShape: [784],
    forward: (x) => {
      let h = x as tf.Tensor2D;
      for (let i = 0; i < params.length; i += 2) {
        h = tf.add(tf.matMul(h, params[i] as tf.Tensor2D), params[i + 1]);
        if (i + 2 < params.length) h = tf.relu(h);
      }
      return h;
    },
  };
}

/** The W-CNN in TensorFlow.js's native NHWC layout (filters [kh, kw, in, out]). */
function tfCnn(seed: number): TfModel {
  const rng = seededUniform(seed);
  const params = [
    glorot(rng, [3, 3, 1, 32], 9, 32 * 9), zeros(32),
    glorot(rng, [3, 3, 32, 64], 32 * 9, 64 * 9), zeros(64),
    glorot(rng, [1600, 128], 1600, 128), zeros(128),
    glorot(rng, [128, 10], 128, 10), zeros(10),
  ];
  const [c1, cb1, c2, cb2, d1, db1, d2, db2] = params;
  return {
    params,
    sampleShape: [28, 28, 1],
    forward: (x) => {
      let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, c1 as tf.Tensor4D, 1, 'valid'), cb1)) as tf.Tensor4D, 2, 2, 'valid');
      h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, c2 as tf.Tensor4D, 1, 'valid'), cb2)) as tf.Tensor4D, 2, 2, 'valid');
      const flat = tf.reshape(h, [h.shape[0], 1600]) as tf.Tensor2D;
      return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(flat, d1 as tf.Tensor2D), db1)) as tf.Tensor2D, d2 as tf.Tensor2D), db2) as tf.Tensor2D;
    },
  };
}

function fill(split: MnistSplit, rows: ArrayLike<number>, x: Float32Array, y: Int32Array): void {
  for (let i = 0; i < rows.length; i++) {
    x.set(split.images.subarray(rows[i] * 784, rows[i] * 784 + 784), i * 784);
    y[i] = split.labels[rows[i]];
  }
}

function evaluate(model: TfModel, split: MnistSplit, count: number): number {
  const n = Math.min(count, split.count);
  let correct = 0;
  for (let start = 0; start < n; start += 500) {
    const size = Math.min(500, n - start);
    const predicted = tf.tidy(() => tf.argMax(model.forward(tf.tensor(split.images.subarray(start * 784, (start + size) * 784), [size, ...model.sampleShape])), 1).dataSync());
    for (let i = 0; i < size; i++) if (predicted[i] === split.labels[start + i]) correct++;
  }
  return correct / n;
}
