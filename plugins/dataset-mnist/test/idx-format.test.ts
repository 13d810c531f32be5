import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeIdx, parseIdx } from '@hyperspec/dataset-mnist';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './load-dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'hyperspec-idx-'));

/** 3 images of 2×3 pixels and their labels, written by hand: magic, dims, bytes. */
function writeTinyIdx(): void {
  const images = Buffer.from([
    0, 0, 0x08, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3,
    0, 51, 102, 153, 204, 255,
    255, 0, 0, 0, 0, 255,
    1, 2, 3, 4, 5, 6,
  ]);
  const labels = Buffer.from([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 0, 2]);
  writeFileSync(join(dir, 'images-idx3-ubyte'), images);
  writeFileSync(join(dir, 'labels-idx1-ubyte'), labels);
}
writeTinyIdx();

describe('IDX reader', () => {
  it('reads the header (big-endian dims) and ubyte values in row-major order', () => {
    const bytes = Buffer.from([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 1, 0, ...Array.from({ length: 512 }, (_, i) => i % 256)]);
    const a = parseIdx(bytes, 'mem');
    expect(a.dataType).toBe('ubyte');
    expect(a.dims).toEqual([2, 256]); // 0x00000100 = 256: the size is big-endian
    expect(a.data[257]).toBe(1);
  });

  it('decodes multi-byte big-endian types', () => {
    const ints = parseIdx(encodeIdx('int', [3], [1, -2, 70000]), 'mem');
    expect([...ints.data]).toEqual([1, -2, 70000]);
    const shorts = encodeIdx('short', [2], [258, -1]);
    expect([...shorts.subarray(8)]).toEqual([1, 2, 255, 255]);
    expect([...parseIdx(shorts, 'mem').data]).toEqual([258, -1]);
    expect([...parseIdx(encodeIdx('double', [1, 2], [0.5, -3.25]), 'mem').data]).toEqual([0.5, -3.25]);
    expect([...parseIdx(encodeIdx('float', [2], [1.5, 2]), 'mem').data]).toEqual([1.5, 2]);
  });

  it('keeps only the first items when limited', () => {
    const a = parseIdx(encodeIdx('ubyte', [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]), 'mem', { limit: 3 });
    expect(a.dims).toEqual([3, 2]);
    expect(a.total).toBe(4);
    expect([...a.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a bad magic number, naming the file', () => {
    const gz = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]);
    expect(() => parseIdx(gz, '/data/x.gz')).toThrow('IDX file /data/x.gz: bad magic number 0x1f8b0800');
    expect(() => parseIdx(Buffer.from([0, 0, 0x07, 1, 0, 0, 0, 0]), 'f')).toThrow('bad magic number 0x00000701');
  });

  it('rejects a file whose size does not match its dimensions', () => {
    const bytes = encodeIdx('ubyte', [2, 3], [1, 2, 3, 4, 5, 6]);
    expect(() => parseIdx(bytes.subarray(0, bytes.length - 1), 'f')).toThrow('IDX file f: the header promises 2×3 ubyte values (18 bytes with the header), but the file has 17 bytes');
    expect(() => parseIdx(Buffer.from([0, 0, 8]), 'f')).toThrow('too short');
  });
});

describe('idx dataset', () => {
  it('loads images as [1, h, w] in [0, 1] and labels as class indices', async () => {
    const data = await loadDataset({ type: 'idx', images: 'images-idx3-ubyte', labels: 'labels-idx1-ubyte' }, { baseDir: dir });
    expect(data.train.count).toBe(3);
    expect(data.sampleShape).toEqual([1, 2, 3]);
    expect([...data.train.x.subarray(0, 6)]).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1].map(Math.fround));
    expect([...data.train.y]).toEqual([7, 0, 2]);
    expect(data.classes).toBe(8);
    expect(data.test).toBeUndefined();
  });

  it('can flatten, keep raw values, and read a test pair', async () => {
    const data = await loadDataset({
      type: 'idx', images: 'images-idx3-ubyte', labels: 'labels-idx1-ubyte', test_images: 'images-idx3-ubyte', test_labels: 'labels-idx1-ubyte', flatten: true, normalize: false,
    }, { baseDir: dir });
    expect(data.sampleShape).toEqual([6]);
    expect([...data.train.x.subarray(12)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(data.test!.count).toBe(3);
  });

  it('says which path it tried for a missing file, and checks counts agree', async () => {
    await expect(loadDataset({ type: 'idx', images: 'nope', labels: 'labels-idx1-ubyte' }, { baseDir: dir })).rejects.toThrow(
      `idx dataset: cannot read "nope" (tried ${join(dir, 'nope')}): no such file`,
    );
    writeFileSync(join(dir, 'two-labels'), encodeIdx('ubyte', [2], [1, 2]));
    await expect(loadDataset({ type: 'idx', images: 'images-idx3-ubyte', labels: 'two-labels' }, { baseDir: dir })).rejects.toThrow('has 3 images but');
    await expect(loadDataset({ type: 'idx', images: 'images-idx3-ubyte', labels: 'labels-idx1-ubyte', test_images: 'images-idx3-ubyte' }, { baseDir: dir }))
      .rejects.toThrow('idx dataset: test_images and test_labels go together, but test_labels is missing');
  });
});
