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

/**
 * One row per document, one column per vocabulary term (terms outside the vocabulary are ignored).
 * bow: the term's count (1 if binary). tfidf: that tf times the train idf, then each row divided by its
 * Euclidean norm, so rows have length 1 (a document with no vocabulary term stays all zeros).
 */
export function vectorize(documents: readonly string[][], vocabulary: Vocabulary, options: VectorizeOptions): Float32Array {
  const width = vocabulary.terms.length;
  const x = new Float32Array(documents.length * width);
  const idf = options.features === 'tfidf' ? inverseDocumentFrequency(vocabulary) : undefined;
  const row = new Float64Array(width);
  documents.forEach((doc, d) => {
    row.fill(0);
    for (const t of doc) {
      const j = vocabulary.index.get(t);
      if (j !== undefined) row[j] = options.binary ? 1 : row[j] + 1;
    }
    if (idf) {
      let norm = 0;
      for (let j = 0; j < width; j++) {
        row[j] *= idf[j];
        norm += row[j] * row[j];
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (let j = 0; j < width; j++) row[j] /= norm;
    }
    x.set(row, d * width);
  });
  return x;
}
