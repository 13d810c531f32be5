import type { ArraySplit, DataSplits } from '../contracts/dataset.js';
import { HyperspecError } from '../errors/hyperspec-error.js';

/** Most classes a classification dataset may have (a model's output layer has one unit per class). */
export const MAX_CLASSES = 100_000;

function checkSplit(name: string, split: ArraySplit, sampleSize: number, targetSize: number, type: string, classes: number | undefined): void {
  if (!Number.isSafeInteger(split.count) || split.x.length !== split.count * sampleSize || split.y.length !== split.count * targetSize) {
    throw new HyperspecError('internal', `dataset "${type}": its ${name} split has ${split.count} samples but ${split.x.length} input and ${split.y.length} target values`);
  }
  const badX = split.x.findIndex((v) => !Number.isFinite(v));
  if (badX >= 0) {
    throw new HyperspecError('data', `dataset "${type}": ${name} sample ${Math.floor(badX / sampleSize)} has a non-finite input (${split.x[badX]} at position ${badX % sampleSize})`, {
      location: { path: 'data' },
      hint: 'the data holds a value that is not a number or does not fit a 32-bit float; fix or remove it',
    });
  }
  const badY = classes === undefined
    ? split.y.findIndex((v) => !Number.isFinite(v))
    : split.y.findIndex((v) => !(Number.isInteger(v) && v >= 0 && v < classes));
  if (badY >= 0) {
    const what = classes === undefined ? 'a non-finite target' : `class label ${split.y[badY]}, outside 0 … ${classes - 1}`;
    throw new HyperspecError('data', `dataset "${type}": ${name} sample ${Math.floor(badY / targetSize)} has ${what}`, { location: { path: 'data' } });
  }
}

/**
 * Checks what a dataset loaded before anything is built from it: a training split with samples, every
 * input and target finite, a class count within `MAX_CLASSES` and every label one of the classes. A
 * dataset names files and rows in its own errors; this is the net under every dataset, a third
 * party's too, so a NaN never reaches training disguised as a diverging loss.
 */
export function checkData(data: DataSplits, type: string): DataSplits {
  const sampleSize = data.sampleShape.reduce((a, d) => a * d, 1);
  const targetSize = data.targetShape.reduce((a, d) => a * d, 1);
  if (data.train.count < 1) throw new HyperspecError('data', `dataset "${type}" has no training samples`, { location: { path: 'data' } });
  if (data.classes !== undefined && !(Number.isInteger(data.classes) && data.classes >= 1 && data.classes <= MAX_CLASSES)) {
    throw new HyperspecError('data', `dataset "${type}" has ${data.classes} classes; at most ${MAX_CLASSES} are supported`, { location: { path: 'data' } });
  }
  for (const name of ['train', 'validation', 'test'] as const) {
    const split = data[name];
    if (split) checkSplit(name, split, sampleSize, targetSize, type, data.classes);
  }
  return data;
}
