/** The terms that become feature columns, with their statistics on the documents they were chosen from. */
export interface Vocabulary {
  /** Column j of the features stands for `terms[j]`; most frequent first. */
  terms: string[];
  /** Documents (of the fitting set) containing each term. */
  documentFrequency: Int32Array;
  /** Number of documents the vocabulary was fitted on (for idf). */
  documents: number;
  /** Term → column. */
  index: Map<string, number>;
}

/**
 * Chooses the vocabulary from tokenised documents — the train split only, so nothing about test
 * messages leaks into the features: terms found in at least `minDf` documents, ranked by their total
 * count (ties: more documents first, then code-point order), the first `size` of them.
 */
export function buildVocabulary(documents: readonly string[][], size: number, minDf: number): Vocabulary {
  // One map lookup per token: `last` is the last document that counted towards df.
  const stats = new Map<string, { count: number; df: number; last: number }>();
  documents.forEach((doc, d) => {
    for (const t of doc) {
      const s = stats.get(t);
      if (!s) stats.set(t, { count: 1, df: 1, last: d });
      else {
        s.count++;
        if (s.last !== d) {
          s.df++;
          s.last = d;
        }
      }
    }
  });
  const kept = [...stats].filter(([, s]) => s.df >= minDf);
  kept.sort(([a, p], [b, q]) => q.count - p.count || q.df - p.df || (a < b ? -1 : a > b ? 1 : 0));
  const terms = kept.slice(0, size).map(([t]) => t);
  return {
    terms,
    documentFrequency: Int32Array.from(terms, (t) => stats.get(t)!.df),
    documents: documents.length,
    index: new Map(terms.map((t, j) => [t, j])),
  };
}
