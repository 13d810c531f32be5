import { HyperspecError, type DataSplits, type Rng } from '@hyperspec/core';
import { trainTestIndices, validationIndices, type ValidationRequest } from '@hyperspec/core/data';
import { corpusEntries, readMessages, type CorpusEntry } from './spam-corpus.js';
import { tokenize } from './tokenize.js';
import type { TextInputOptions } from './text-input.js';
import { textSteps } from './text-steps.js';
import { vectorize } from './vectorize.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';

/** The spam dataset's options, as in the spec. */
export interface SpamOptions {
  features: 'bow' | 'tfidf';
  vocabulary_size: number;
  min_df: number;
  lowercase: boolean;
  strip_headers: boolean;
  binary: boolean;
  test_split: number;
  limit: number;
}

/** The features plus what they were built from, for inspection and tests. */
export interface SpamData {
  data: DataSplits;
  vocabulary: Vocabulary;
  train: CorpusEntry[];
  test: CorpusEntry[];
}

export const SPAM_CLASS_NAMES = ['ham', 'spam'];

/**
 * The whole preprocessing, in order: shuffle the corpus with `rng` and keep the first `limit` messages;
 * split them into train and test (seeded, stratified by label) and carve the run's validation messages
 * out of train; tokenise every message; choose the vocabulary on the remaining train messages only; turn every message into a bag-of-words or tf-idf row.
 */
export async function loadSpam(options: SpamOptions, rng: Rng, specPath = 'data', validation?: ValidationRequest): Promise<SpamData> {
  const entries = await corpusEntries();
  const order = rng.shuffle(Int32Array.from({ length: entries.length }, (_, i) => i));
  const chosen = Array.from(order.subarray(0, Math.min(options.limit, entries.length)), (i) => entries[i]);
  const labels = Float32Array.from(chosen, (e) => e.label);
  const split = trainTestIndices(chosen.length, options.test_split, rng, labels, `${specPath}.test_split`);
  // Validation messages are carved from the training ones before the vocabulary (and idf) is chosen.
  const held = validation ? validationIndices(split.train.length, validation) : undefined;
  const parts = {
    train: held ? Int32Array.from(held.train, (i) => split.train[i]) : split.train,
    validation: held ? Int32Array.from(held.validation, (i) => split.train[i]) : new Int32Array(0),
    test: split.test,
  };

  const texts = await readMessages(chosen);
  const tokenizeOptions = { lowercase: options.lowercase, stripHeaders: options.strip_headers };
  const documents = texts.map((t) => tokenize(t, tokenizeOptions));
  const trainDocs = Array.from(parts.train, (i) => documents[i]);
  const testDocs = Array.from(parts.test, (i) => documents[i]);
  const validationDocs = Array.from(parts.validation, (i) => documents[i]);

  const vocabulary = buildVocabulary(trainDocs, options.vocabulary_size, options.min_df);
  if (vocabulary.terms.length === 0) {
    throw new HyperspecError('data', `spam dataset: no term appears in at least ${options.min_df} of the ${trainDocs.length} training messages, so the vocabulary is empty`, {
      location: { path: `${specPath}.min_df` },
      hint: 'lower min_df or raise limit',
    });
  }
  const vectorizeOptions = { features: options.features, binary: options.binary };
  const width = vocabulary.terms.length;
  const data: DataSplits = {
    train: { x: vectorize(trainDocs, vocabulary, vectorizeOptions), y: Float32Array.from(parts.train, (i) => labels[i]), count: trainDocs.length },
    sampleShape: [width],
    targetShape: [],
    classes: 2,
    classNames: SPAM_CLASS_NAMES,
    preprocessing: {
      input: { type: 'text', lowercase: options.lowercase, strip_headers: options.strip_headers, vocabulary: [...vocabulary.terms] } satisfies TextInputOptions,
      raw_shape: [width],
      steps: textSteps(vocabulary, vectorizeOptions),
    },
  };
  if (validationDocs.length > 0) {
    data.validation = { x: vectorize(validationDocs, vocabulary, vectorizeOptions), y: Float32Array.from(parts.validation, (i) => labels[i]), count: validationDocs.length };
  }
  if (testDocs.length > 0) {
    data.test = { x: vectorize(testDocs, vocabulary, vectorizeOptions), y: Float32Array.from(parts.test, (i) => labels[i]), count: testDocs.length };
  }
  return { data, vocabulary, train: Array.from(parts.train, (i) => chosen[i]), test: Array.from(parts.test, (i) => chosen[i]) };
}
