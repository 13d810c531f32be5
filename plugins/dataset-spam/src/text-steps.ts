import { type PreprocessingStep } from '@hyperspec/core/data';
import { inverseDocumentFrequency, type VectorizeOptions } from './vectorize-options.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * The numeric steps from term counts to features: presence instead of counts when `binary`; for tf-idf,
 * each column multiplied by its train idf (stored as the divisor 1/idf) and each row scaled to unit length.
 */
export function textSteps(vocabulary: Vocabulary, options: VectorizeOptions): PreprocessingStep[] {
  const steps: PreprocessingStep[] = options.binary ? [{ op: 'binarize' }] : [];
  if (options.features === 'tfidf') {
    const idf = inverseDocumentFrequency(vocabulary);
    steps.push({ op: 'affine', subtract: 0, divide: Array.from(idf, (v) => 1 / v) }, { op: 'l2_normalize' });
  }
  return steps;
}
