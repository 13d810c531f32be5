import type { ComponentDescriptor, CreateContext, InputReader } from '@hyperspec/core';
import { type PreprocessingStep } from '@hyperspec/core/data';
import { ImageReader } from './image-reader.js';

/** The fitted state an image dataset stores for reading raw images (`preprocessing.input` in model.json). */
export type ImageInputOptions = {
  type: 'image';
  /** Dimensions of one image as the IDX files hold it: [height, width] or [channels, height, width]. */
  image_shape: number[];
};

export const imageInputSchema = {
  $id: 'hyperspec:input/image',
  type: 'object',
  properties: {
    image_shape: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 65536 }, minItems: 1, maxItems: 3, description: 'One image: [height, width] or [channels, height, width]' },
  },
  required: ['image_shape'],
  additionalProperties: false,
} as const;

/** The steps of an image dataset: pixel values ÷ 255 when normalising 8-bit images, else none. */
export function imageSteps(normalize: boolean): PreprocessingStep[] {
  return normalize ? [{ op: 'affine', subtract: 0, divide: 255 }] : [];
}

/** Reads IDX image files, JSON lines of pixel arrays, and arrays in code, for models trained on images. */
export const imageInput: ComponentDescriptor<InputReader, ImageInputOptions> = {
  kind: 'input',
  type: 'image',
  description: 'Images for prediction: an IDX images file (labels from an IDX labels file), JSON lines of pixel arrays, or arrays in code',
  schema: imageInputSchema,
  create: (options: ImageInputOptions, _ctx: CreateContext) => new ImageReader(options),
};
