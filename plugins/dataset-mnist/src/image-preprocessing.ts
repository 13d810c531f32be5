import { type Preprocessing } from '@hyperspec/core/data';
import { imageSteps } from './image-input.js';
import type { IdxSplit } from './load-idx-split.js';

/** What a model trained on these images needs to read raw images: their stored shape and the ÷ 255 step. */
export function imagePreprocessing(train: IdxSplit, normalize: boolean): Preprocessing {
  return { input: { type: 'image', image_shape: [...train.imageShape] }, raw_shape: [...train.sampleShape], steps: imageSteps(normalize) };
}
