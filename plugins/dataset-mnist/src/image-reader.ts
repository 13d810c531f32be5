import { constants } from 'node:buffer';
import { HyperspecError, type InputReader, type RawInputs, type ReadFileOptions } from '@hyperspec/core';
import { readRegularFile } from '@hyperspec/core/run';
import type { ImageInputOptions } from './image-input.js';
import { parseIdx } from './idx-format.js';

const shapeText = (dims: readonly number[]) => dims.join('×');

/**
 * Reads raw images (pixel values as stored, before any scaling) for a trained model. An IDX file must
 * hold images of the trained size; a JSON-lines file or rows in code hold one image per line/row, as a
 * flat array of values or nested [height][width] ([channels][height][width]) arrays.
 */
export class ImageReader implements InputReader {
  private readonly size: number;

  constructor(private readonly o: ImageInputOptions) {
    this.size = o.image_shape.reduce((a, d) => a * d, 1);
  }

  async readFile(file: string, options: ReadFileOptions = {}): Promise<RawInputs> {
    const bytes = readBytes(file);
    if (/\.(jsonl|ndjson)$/i.test(file)) return this.readJsonLines(file, bytes.toString('utf8'));
    if (bytes.length === 0) throw new HyperspecError('data', `${file} is empty: no images to predict`);
    const images = parseIdx(bytes, file);
    const dims = images.dims.slice(1);
    const expected = this.o.image_shape;
    if (dims.join() !== expected.join() && !(expected.length === 3 && expected[0] === 1 && dims.join() === expected.slice(1).join())) {
      throw new HyperspecError('data', `IDX file ${file}: images are ${shapeText(dims)}, but the model was trained on ${shapeText(expected)} images`);
    }
    if (images.dims[0] === 0) throw new HyperspecError('data', `IDX file ${file} is empty: it holds 0 images`);
    const out: RawInputs = { x: new Float32Array(images.data as ArrayLike<number>), count: images.dims[0] };
    if (options.labels) {
      const labels = parseIdx(readBytes(options.labels), options.labels);
      if (labels.dims.length !== 1 || labels.dims[0] !== out.count) {
        throw new HyperspecError('data', `IDX file ${options.labels}: holds ${shapeText(labels.dims)} values, but ${file} has ${out.count} images (one label each needed)`);
      }
      out.targets = Array.from(labels.data as ArrayLike<number>, (v) => String(v));
    }
    return out;
  }

  readRows(rows: readonly unknown[]): RawInputs {
    if (rows.length === 0) throw new HyperspecError('data', 'predict: no images given');
    const x = new Float32Array(rows.length * this.size);
    rows.forEach((row, i) => this.put(x, i, row, `row ${i}`));
    return { x, count: rows.length };
  }

  private readJsonLines(file: string, text: string): RawInputs {
    const lines = text.split(/\r?\n/).map((l, j) => ({ l, line: j + 1 })).filter(({ l }) => l.trim() !== '');
    if (lines.length === 0) throw new HyperspecError('data', `${file} is empty: no images to predict`);
    const x = new Float32Array(lines.length * this.size);
    const sources: string[] = [];
    lines.forEach(({ l, line }, i) => {
      let value: unknown;
      try {
        value = JSON.parse(l);
      } catch (e) {
        throw new HyperspecError('data', `${file}:${line}: not valid JSON: ${(e as Error).message}`);
      }
      this.put(x, i, value, `${file}:${line}`);
      sources.push(`${file}:${line}`);
    });
    return { x, count: lines.length, sources };
  }

  /** Copies one image (flat or nested arrays of finite numbers) into sample `i`. */
  private put(x: Float32Array, i: number, row: unknown, at: string): void {
    const flat = Array.isArray(row) ? (row as unknown[]).flat(3) : undefined;
    if (!flat) throw new HyperspecError('data', `${at}: expected an image as an array of ${this.size} numbers, got ${JSON.stringify(row)?.slice(0, 60)}`);
    if (flat.length !== this.size) {
      throw new HyperspecError('data', `${at}: the image has ${flat.length} values, but the model was trained on ${shapeText(this.o.image_shape)} images (${this.size} values)`);
    }
    flat.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new HyperspecError('data', `${at}: value ${j} is ${JSON.stringify(v)}, not a finite number`);
      x[i * this.size + j] = v;
    });
  }
}

/** A regular file's bytes (a directory, FIFO or device is refused by name). */
function readBytes(file: string): Buffer {
  return readRegularFile(file, { maxBytes: constants.MAX_LENGTH, what: 'input file' });
}
