import { Rng, type ComponentDescriptor, type Dataset, type DatasetContext } from '@hyperspec/core';
import { loadSpam, type SpamOptions } from './load-spam.js';
import { CORPUS_SIZE } from './spam-corpus.js';

export const spamSchema = {
  $id: 'hyperspec:dataset/spam',
  type: 'object',
  properties: {
    features: {
      enum: ['bow', 'tfidf'],
      default: 'tfidf',
      description: 'bow: term counts; tfidf: counts × smoothed train idf, each row scaled to unit length',
    },
    vocabulary_size: { type: 'integer', minimum: 1, maximum: 100_000, default: 2000, description: 'Keep this many terms: the most frequent in the training messages' },
    min_df: { type: 'integer', minimum: 1, maximum: 1000, default: 2, description: 'A term must occur in at least this many training messages to enter the vocabulary' },
    lowercase: { type: 'boolean', default: true, description: 'Lower-case the text before tokenising' },
    strip_headers: { type: 'boolean', default: true, description: 'Use only the message body (after the first empty line), not the mail headers' },
    binary: { type: 'boolean', default: false, description: 'Use term presence (1) instead of term counts' },
    test_split: { type: 'number', minimum: 0, maximum: 0.9, default: 0.2, description: 'Fraction of messages held out as the test split (seeded, stratified by label)' },
    limit: {
      type: 'integer',
      minimum: 10,
      maximum: CORPUS_SIZE,
      default: CORPUS_SIZE,
      description: `Use the first N messages after a seeded shuffle of the ${CORPUS_SIZE} (for tests and quick runs)`,
    },
  },
  additionalProperties: false,
} as const;

/** The SpamAssassin public corpus as bag-of-words or tf-idf vectors; ham = 0, spam = 1. */
export const spamDataset: ComponentDescriptor<Dataset, SpamOptions> = {
  kind: 'dataset',
  type: 'spam',
  description: `SpamAssassin public corpus (${CORPUS_SIZE} e-mails, ham = 0 / spam = 1) as bag-of-words or tf-idf features`,
  schema: spamSchema,
  create(options: SpamOptions, ctx: DatasetContext): Dataset {
    const rng = ctx.rng ?? new Rng(0);
    return {
      async load() {
        const { data, vocabulary } = await loadSpam(options, rng, ctx.path, ctx.validation);
        ctx.logger.debug({ train: data.train.count, test: data.test?.count ?? 0, vocabulary: vocabulary.terms.length, top: vocabulary.terms.slice(0, 20) }, 'spam dataset loaded');
        return data;
      },
    };
  },
};
