import { applyPreprocessing } from '@hyperspec/core/data';
import { textSteps } from './text-steps.js';
import type { VectorizeOptions } from './vectorize-options.js';
import type { Vocabulary } from './vocabulary.js';

export { inverseDocumentFrequency, type VectorizeOptions } from './vectorize-options.js';

/** Term counts: one row per document, one column per vocabulary term (other terms are ignored). */
export function termCounts(documents: readonly string[][], index: ReadonlyMap<string, number>, width: number): Float32Array {
  const x = new Float32Array(documents.length * width);
  documents.forEach((doc, d) => {
    for (const t of doc) {
      const j = index.get(t);
      if (j !== undefined) x[d * width + j] += 1;
    }
  });
  return x;
}

/**
 * One row per document, one column per vocabulary term (terms outside the vocabulary are ignored).
 * bow: the term's count (1 if binary). tfidf: that tf times the train idf, then each row divided by its
 * Euclidean norm, so rows have length 1 (a document with no vocabulary term stays all zeros). The
 * counts go through the same preprocessing steps a saved model applies to new messages.
 */
export function vectorize(documents: readonly string[][], vocabulary: Vocabulary, options: VectorizeOptions): Float32Array {
  const width = vocabulary.terms.length;
  const counts = termCounts(documents, vocabulary.index, width);
  return applyPreprocessing(textSteps(vocabulary, options), counts, documents.length, width, { inPlace: true });
}
