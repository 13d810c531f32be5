import type { ComponentDescriptor, CreateContext, InputReader } from '@hyperspec/core';
import { TextReader } from './text-reader.js';

/** The fitted state a text dataset stores for reading raw messages (`preprocessing.input` in model.json). */
export type TextInputOptions = {
  type: 'text';
  lowercase: boolean;
  strip_headers: boolean;
  /** Column j of the raw counts is `vocabulary[j]`. */
  vocabulary: string[];
};

export const textInputSchema = {
  $id: 'hyperspec:input/text',
  type: 'object',
  properties: {
    lowercase: { type: 'boolean' },
    strip_headers: { type: 'boolean' },
    vocabulary: { type: 'array', items: { type: 'string' }, minItems: 1 },
  },
  required: ['lowercase', 'strip_headers', 'vocabulary'],
  additionalProperties: false,
} as const;

/** Reads messages for models trained on text: one message body per line, JSON lines, or strings in code. */
export const textInput: ComponentDescriptor<InputReader, TextInputOptions> = {
  kind: 'input',
  type: 'text',
  description: 'Messages for prediction: a text file with one message body per line, JSON lines of strings or {"text", "label"} objects, or strings in code',
  schema: textInputSchema,
  create: (options: TextInputOptions, _ctx: CreateContext) => new TextReader(options),
};
