import type { Vocabulary } from './vocabulary.js';

/** How documents become vectors (spec keys of the spam dataset). */
export interface VectorizeOptions {
  features: 'bow' | 'tfidf';
  /** Term presence (1) instead of counts. */
  binary: boolean;
}

/**
 * Smoothed inverse document frequency, as in scikit-learn's TfidfTransformer defaults:
 * idf(t) = ln((1 + n) / (1 + df(t))) + 1, with n and df counted on the vocabulary's (train) documents.
 */
export function inverseDocumentFrequency(vocabulary: Vocabulary): Float64Array {
  const n = vocabulary.documents;
  return Float64Array.from(vocabulary.documentFrequency, (df) => Math.log((1 + n) / (1 + df)) + 1);
}
