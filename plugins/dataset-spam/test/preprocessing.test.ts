import { buildVocabulary, inverseDocumentFrequency, messageBody, tokenize, vectorize } from '@hyperspec/dataset-spam';
import { describe, expect, it } from 'vitest';

const mail = 'From: Bob <bob@example.com>\r\nSubject: FREE money\r\n\r\nClick HERE for FREE money: <b>now</b>!\nA x caf\u00e9 aaaaaaaaaaaaaaaaaaaaaaaaa 42';

describe('tokenize', () => {
  it('uses the body after the first empty line, lower-cased, runs of letters/digits of 2..20 characters', () => {
    expect(messageBody(mail).startsWith('Click HERE')).toBe(true);
    expect(tokenize(mail, { lowercase: true, stripHeaders: true })).toEqual(['click', 'here', 'for', 'free', 'money', 'now', 'café', '42']);
  });

  it('keeps headers and case when asked', () => {
    const tokens = tokenize(mail, { lowercase: false, stripHeaders: false });
    expect(tokens.slice(0, 4)).toEqual(['From', 'Bob', 'bob', 'example']);
    expect(tokens).toContain('FREE');
    expect(tokenize('no blank line, so no body', { lowercase: true, stripHeaders: true })).toEqual([]);
  });
});

describe('vocabulary', () => {
  const docs = [['free', 'money', 'free'], ['money', 'meeting'], ['free', 'lunch'], ['agenda']];

  it('keeps terms in at least min_df documents, most frequent first, at most size of them', () => {
    const v = buildVocabulary(docs, 10, 2);
    expect(v.terms).toEqual(['free', 'money']); // free: 3 occurrences in 2 docs; money: 2 in 2
    expect([...v.documentFrequency]).toEqual([2, 2]);
    expect(v.documents).toBe(4);
    expect(buildVocabulary(docs, 1, 1).terms).toEqual(['free']);
    // ties on count and df break by code-point order
    expect(buildVocabulary(docs, 10, 1).terms).toEqual(['free', 'money', 'agenda', 'lunch', 'meeting']);
  });
});

describe('vectorize', () => {
  const docs = [['free', 'money', 'free'], ['money', 'meeting'], ['free', 'lunch'], ['agenda']];
  const v = buildVocabulary(docs, 10, 2);

  it('counts terms for bow (presence when binary) and ignores terms outside the vocabulary', () => {
    expect([...vectorize(docs, v, { features: 'bow', binary: false })]).toEqual([2, 1, 0, 1, 1, 0, 0, 0]);
    expect([...vectorize(docs, v, { features: 'bow', binary: true })]).toEqual([1, 1, 0, 1, 1, 0, 0, 0]);
  });

  it('weights tf by the smoothed train idf and scales each row to unit length', () => {
    const idf = inverseDocumentFrequency(v);
    const expectedIdf = Math.log(5 / 3) + 1; // n = 4 documents, df = 2 for both terms
    expect(idf[0]).toBeCloseTo(expectedIdf, 12);
    const x = vectorize([['free', 'money', 'free'], ['unknown']], v, { features: 'tfidf', binary: false });
    // row 1: tf (2, 1) × the same idf → (2, 1)/√5 after normalisation; row 2 has no vocabulary term
    expect(x[0]).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(x[1]).toBeCloseTo(1 / Math.sqrt(5), 6);
    expect([x[2], x[3]]).toEqual([0, 0]);
  });
});
