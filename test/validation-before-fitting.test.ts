import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComponentsToken, Rng, defaultLogger, type DataSplits } from '@hyperspec/core';
import { featureMoments } from '@hyperspec/core/data';
import { csvDataset, irisDataset } from '@hyperspec/dataset-csv';
import { buildVocabulary, loadSpam, readMessages, tokenize, type SpamOptions } from '@hyperspec/dataset-spam';
import { createDefaultContainer } from 'hyperspec';
import { tempDir } from './cli-helpers.js';

/**
 * The validation split is carved out before any fitted preprocessing, so what a dataset fits
 * (standardisation statistics, one-hot categories, the spam vocabulary) comes from the training part
 * only, and validation measures data the preprocessing never saw.
 */
const logger = defaultLogger();
const components = createDefaultContainer([], { backend: 'cpu' }).get(ComponentsToken);
const ctx = (fraction: number) => ({ path: 'data', components, logger, rng: new Rng(1), validation: { fraction, rng: new Rng(2) } });

describe('validation carved before preprocessing is fitted', () => {
  it('iris: standardisation statistics are the training part\'s own (mean 0, std 1 there, not over train + validation)', async () => {
    const data: DataSplits = await irisDataset.create({ standardize: true, test_split: 0 }, ctx(0.3)).load();
    expect(data.train.count).toBe(105);
    expect(data.validation!.count).toBe(45);
    const train = featureMoments(data.train.x, 4);
    for (let j = 0; j < 4; j++) {
      expect(Math.abs(train.mean[j])).toBeLessThan(1e-5);
      expect(Math.abs(train.std[j] - 1)).toBeLessThan(1e-5);
    }
    // Fitted on all 150 samples instead, the training part's mean would be off by the validation share.
    const val = featureMoments(data.validation!.x, 4);
    expect(Math.max(...Array.from(val.mean, Math.abs))).toBeGreaterThan(1e-3);
  });

  it('csv: a category seen only in validation rows is unknown to the one-hot encoder (all zeros)', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 2 ? 'red' : 'blue'},${i % 2 ? 'a' : 'b'}`);
    const file = join(dir, 'd.csv');
    // The validation rows are the ones this seed's shuffle holds out; give exactly those a new colour.
    const held = await csvDataset.create(
      { path: writeCsv(file, rows), target: 'label', categorical: ['colour'], task: 'classification', standardize: false, normalize: false, test_split: 0, delimiter: ',', header: true },
      ctx(0.25),
    ).load();
    const heldRows = Array.from({ length: held.validation!.count }, (_, r) => held.validation!.x[r * 3]);
    const marked = rows.map((row, i) => (heldRows.includes(i) ? row.replace(/red|blue/, 'green') : row));
    const data = await csvDataset.create(
      { path: writeCsv(file, marked), target: 'label', categorical: ['colour'], task: 'classification', standardize: false, normalize: false, test_split: 0, delimiter: ',', header: true },
      ctx(0.25),
    ).load();
    expect(data.sampleShape).toEqual([3]); // n, colour=blue, colour=red: no green column
    for (let r = 0; r < data.validation!.count; r++) expect([data.validation!.x[r * 3 + 1], data.validation!.x[r * 3 + 2]]).toEqual([0, 0]);
  });

  it('spam: the vocabulary is chosen from the training messages only', async () => {
    const options: SpamOptions = { features: 'bow', vocabulary_size: 300, min_df: 2, lowercase: true, strip_headers: true, binary: false, test_split: 0.2, limit: 120 };
    const loaded = await loadSpam(options, new Rng(5), 'data', { fraction: 0.25, rng: new Rng(6) });
    expect(loaded.data.validation!.count).toBe(24);
    expect(loaded.train).toHaveLength(72);
    const docs = (await readMessages(loaded.train)).map((t) => tokenize(t, { lowercase: true, stripHeaders: true }));
    expect(loaded.vocabulary.terms).toEqual(buildVocabulary(docs, 300, 2).terms);
  });
});

function writeCsv(file: string, rows: string[]): string {
  writeFileSync(file, `n,colour,label\n${rows.join('\n')}\n`);
  return file;
}
