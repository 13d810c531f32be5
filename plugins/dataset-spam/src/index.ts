import { definePlugin } from '@hyperspec/core';
import { spamDataset } from './spam-descriptor.js';
import { textInput } from './text-input.js';

export { spamDataset, spamSchema } from './spam-descriptor.js';
export { loadSpam, SPAM_CLASS_NAMES, type SpamData, type SpamOptions } from './load-spam.js';
export { corpusEntries, readMessages, CORPUS_SIZE, type CorpusEntry } from './spam-corpus.js';
export { tokenize, messageBody, MIN_TOKEN_LENGTH, MAX_TOKEN_LENGTH, type TokenizeOptions } from './tokenize.js';
export { buildVocabulary, type Vocabulary } from './vocabulary.js';
export { vectorize, termCounts, inverseDocumentFrequency, type VectorizeOptions } from './vectorize.js';
export { textSteps } from './text-steps.js';
export { textInput, textInputSchema, type TextInputOptions } from './text-input.js';
export { TextReader } from './text-reader.js';

export default definePlugin('@hyperspec/dataset-spam', [spamDataset, textInput]);
