import { HyperspecError, type ArraySplit } from '@hyperspec/core';
import { applyPreprocessing, type DataFileRef } from '@hyperspec/core/data';
import { imageSteps } from './image-input.js';
import type { IdxArray } from './idx-format.js';
import { readIdxFile } from './read-idx-file.js';

export interface IdxSplitOptions {
  images: DataFileRef;
  labels: DataFileRef;
  /** Keep the first `limit` samples only. */
  limit?: number;
  /** Divide pixel values by 255 (ubyte images only). */
  normalize: boolean;
  /** One vector per sample instead of [channels, height, width]. */
  flatten: boolean;
}

export interface IdxSplit {
  split: ArraySplit;
  /** Dimensions of one image as stored in the file. */
  imageShape: number[];
  sampleShape: number[];
  /** Largest label seen; classes are 0..maxLabel. */
  maxLabel: number;
}

/**
 * The shape of one sample: [h, w] images get a channel axis ([1, h, w], NCHW), [c, h, w] stay as they
 * are; `flatten` makes any of them one vector.
 */
export function sampleShapeOf(itemDims: readonly number[], flatten: boolean): number[] {
  const size = itemDims.reduce((a, b) => a * b, 1);
  if (flatten || itemDims.length === 1) return [size];
  return itemDims.length === 2 ? [1, ...itemDims] : [...itemDims];
}

/**
 * Reads an images file and a labels file (each read once, only as far as `limit` needs) and converts
 * each in one pass into a float32 split.
 */
export async function loadIdxSplit(options: IdxSplitOptions): Promise<IdxSplit> {
  const { file: imagesFile, array: images } = await readIdxFile(options.images, options.limit);
  const { file: labelsFile, array: labels } = await readIdxFile(options.labels, options.limit);
  const at = (ref: DataFileRef) => ({ location: { path: ref.specPath } });
  if (images.dims.length < 2) {
    throw new HyperspecError('data', `${options.images.component}: ${imagesFile} holds a 1-D array; images need at least 2 dimensions`, at(options.images));
  }
  if (labels.dims.length !== 1) {
    throw new HyperspecError('data', `${options.labels.component}: ${labelsFile} holds a ${labels.dims.join('×')} array; labels need 1 dimension`, at(options.labels));
  }
  if (labels.total !== images.total) {
    throw new HyperspecError('data', `${options.images.component}: ${imagesFile} has ${images.total} images but ${labelsFile} has ${labels.total} labels`, at(options.labels));
  }
  const x = toFloat(images, options, imagesFile);
  const count = images.dims[0];
  applyPreprocessing(imageSteps(options.normalize), x, count, x.length / Math.max(count, 1), { inPlace: true });
  return {
    split: { x, y: toLabels(labels, options, labelsFile), count },
    imageShape: images.dims.slice(1),
    sampleShape: sampleShapeOf(images.dims.slice(1), options.flatten),
    maxLabel: maxOf(labels),
  };
}

/** The raw pixel values as float32 (normalisation is a preprocessing step applied after). */
function toFloat(images: IdxArray, options: IdxSplitOptions, file: string): Float32Array {
  if (options.normalize && images.dataType !== 'ubyte') {
    throw new HyperspecError('data', `${options.images.component}: normalize divides 8-bit pixels by 255, but ${file} holds ${images.dataType} values`, {
      location: { path: options.images.specPath },
      hint: 'set normalize: false for this file',
    });
  }
  const x = new Float32Array(images.data as ArrayLike<number>);
  // A value that is not finite (or beyond float32) would only show up later as a NaN loss: name it here.
  const bad = x.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const size = x.length / Math.max(1, images.dims[0]);
    const value = images.data[bad];
    throw new HyperspecError('data', `${options.images.component}: ${file}: item ${Math.floor(bad / size)} has value ${value} at position ${bad % size}${Number.isFinite(value) ? ', which does not fit a 32-bit float' : ''}`, {
      location: { path: options.images.specPath },
    });
  }
  return x;
}

function toLabels(labels: IdxArray, options: IdxSplitOptions, file: string): Float32Array {
  const src = labels.data;
  const y = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (!(Number.isInteger(v) && v >= 0)) {
      throw new HyperspecError('data', `${options.labels.component}: label ${i} in ${file} is ${v}; class labels must be integers ≥ 0`, { location: { path: options.labels.specPath } });
    }
    y[i] = v;
  }
  return y;
}

function maxOf(labels: IdxArray): number {
  let m = 0;
  for (let i = 0; i < labels.data.length; i++) if (labels.data[i] > m) m = labels.data[i];
  return m;
}
