import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeIdx } from '@hyperspec/dataset-mnist';
import { csvSpec, iris, writeSpec, writeText, type BadInput, type SpecData } from './corpus.js';

const HEADER = 'a,b,label\n';
const GOOD_ROWS = Array.from({ length: 12 }, (_, i) => `${(i * 0.37).toFixed(2)},${(i % 5) - 2},${i % 3 === 0 ? 'x' : 'y'}`).join('\n') + '\n';

/** A csv case: `rows` after a header, trained with the csv dataset. */
function csv(name: string, text: string, message: RegExp, over: SpecData = {}): BadInput {
  return {
    name: `data: csv ${name}`,
    group: 'data',
    setup: (dir) => {
      writeText(dir, 'd.csv', text);
      writeSpec(dir, 's.yaml', csvSpec('d.csv', over));
    },
    args: ['train', 's.yaml', '--quiet'],
    message,
  };
}

/** One bad cell on row 3 (line 4) of an otherwise good file. */
const cell = (value: string) => `${HEADER}0.1,1,x\n0.2,2,y\n${value},3,x\n${GOOD_ROWS}`;

/** An idx case: images and labels made by `files`, trained with the idx dataset. */
function idx(name: string, files: () => { images: Uint8Array; labels: Uint8Array }, message: RegExp, over: SpecData = {}): BadInput {
  return {
    name: `data: idx ${name}`,
    group: 'data',
    setup: (dir) => {
      const { images, labels } = files();
      writeText(dir, 'img.idx', images);
      writeText(dir, 'lab.idx', labels);
      writeSpec(dir, 's.yaml', iris({ data: { type: 'idx', images: 'img.idx', labels: 'lab.idx', normalize: false, flatten: true, validation_split: 0, ...over } }));
    },
    args: ['train', 's.yaml', '--quiet'],
    message,
  };
}

const N = 8;
const images = (type: 'ubyte' | 'float' = 'ubyte', values?: number[]) => encodeIdx(type, [N, 2, 2], values ?? Array.from({ length: N * 4 }, (_, i) => i % 7));
const labels = (values: number[] = Array.from({ length: N }, (_, i) => i % 2), type: 'ubyte' | 'int' | 'float' = 'ubyte') => encodeIdx(type, [values.length], values);

export const dataCases: BadInput[] = [
  csv('hex cell 0x10', cell('0x10'), /d\.csv:4: row 3, column "a": cannot parse "0x10" as a number/),
  csv('cell 1e39 (beyond float32)', cell('1e39'), /d\.csv:4: row 3, column "a": 1e39 does not fit a 32-bit float/),
  csv('cell -1e39', cell('-1e39'), /row 3, column "a": -1e39 does not fit a 32-bit float/),
  csv('cell 1e400', cell('1e400'), /row 3, column "a": 1e400 does not fit a 32-bit float/),
  csv('cell NaN', cell('NaN'), /row 3, column "a": cannot parse "NaN" as a number/),
  csv('cell nan', cell('nan'), /row 3, column "a": cannot parse "nan" as a number/),
  csv('cell Infinity', cell('Infinity'), /row 3, column "a": cannot parse "Infinity" as a number/),
  csv('cell 1_000', cell('1_000'), /row 3, column "a": cannot parse "1_000" as a number/),
  csv('cell 0b101', cell('0b101'), /row 3, column "a": cannot parse "0b101" as a number/),
  csv('cell 1,5 in quotes', cell('"1,5"'), /row 3, column "a": cannot parse "1,5" as a number/),
  csv('cell with a unit', cell('3kg'), /row 3, column "a": cannot parse "3kg" as a number/),
  csv('empty cell', cell(''), /d\.csv:4: row 3, column "a" is empty/),
  csv('ragged row', `${HEADER}0.1,1,x\n0.2,2\n${GOOD_ROWS}`, /d\.csv:3: .*(record|fields|columns)/i),
  csv('empty file', '', /d\.csv is empty/),
  csv('header only', HEADER, /d\.csv is empty: it has a header but no data rows/),
  csv('duplicate column name', `a,a,label\n${GOOD_ROWS}`, /d\.csv:1: column name "a" appears twice/),
  csv('unknown target', cell('1'), /data\.target: unknown column "lable"/, { target: 'lable' }),
  csv('single class', `${HEADER}${Array.from({ length: 10 }, (_, i) => `${i},1,x`).join('\n')}\n`, /target column "label" of .*d\.csv has a single class/),
  csv('20000 classes', `${HEADER}${Array.from({ length: 20001 }, (_, i) => `${i},1,c${i}`).join('\n')}\n`, /target column "label" of .*d\.csv has 20001 distinct labels; classification supports at most 10000/),
  csv('regression target not a number', cell('1'), /d\.csv:2: row 1, column "label": cannot parse "x" as a number/, { task: 'regression' }),
  csv('unterminated quote', `${HEADER}"0.1,1,x\n${GOOD_ROWS}`, /d\.csv/),
  csv('binary garbage', Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)).toString('latin1'), /d\.csv/),
  csv('test_split leaving no test row', cell('1'), /data\.test_split: test_split 0\.01 of 15 samples leaves 15 for training and 0 for testing/, { test_split: 0.01 }),
  {
    name: 'data: csv path is a directory',
    group: 'data',
    setup: (dir) => {
      mkdirSync(join(dir, 'd.csv'));
      writeSpec(dir, 's.yaml', csvSpec('d.csv'));
    },
    args: ['train', 's.yaml', '--quiet'],
    message: /data\.path: csv dataset: cannot read ".*d\.csv" \(tried .*d\.csv\): it is a directory/,
  },
  {
    name: 'data: csv missing file',
    group: 'data',
    setup: (dir) => writeSpec(dir, 's.yaml', csvSpec('nothing.csv')),
    args: ['train', 's.yaml', '--quiet'],
    message: /data\.path: csv dataset: cannot read "nothing\.csv" \(tried .*nothing\.csv\): no such file/,
  },
  idx('label 5,000,000', () => ({ images: images(), labels: labels([0, 1, 0, 1, 5_000_000, 1, 0, 1], 'int') }), /data\.labels: idx dataset: lab\.idx has label 5000000, which would make 5000001 classes/),
  idx('label beyond the declared classes', () => ({ images: images(), labels: labels([0, 1, 0, 1, 7, 1, 0, 1]) }), /data\.labels: idx dataset: lab\.idx has label 7, but classes is 5/, { classes: 5 }),
  idx('negative label', () => ({ images: images(), labels: labels([0, 1, 0, -1, 0, 1, 0, 1], 'int') }), /data\.labels: idx dataset: label 3 in .*lab\.idx is -1; class labels must be integers ≥ 0/),
  idx('fractional label', () => ({ images: images(), labels: labels([0, 1, 0, 1.5, 0, 1, 0, 1], 'float') }), /data\.labels: idx dataset: label 3 in .*lab\.idx is 1\.5/),
  idx('NaN pixel in a float file', () => ({ images: images('float', Array.from({ length: N * 4 }, (_, i) => (i === 9 ? NaN : i))), labels: labels() }), /data\.images: idx dataset: .*img\.idx: item 2 has value NaN at position 1/),
  idx('infinite pixel in a float file', () => ({ images: images('float', Array.from({ length: N * 4 }, (_, i) => (i === 0 ? Infinity : i))), labels: labels() }), /img\.idx: item 0 has value Infinity at position 0/),
  idx('bad magic number', () => ({ images: Buffer.from('GIF89a-not-idx-at-all'), labels: labels() }), /IDX file .*img\.idx: bad magic number 0x47494638/),
  idx('truncated data', () => ({ images: images().subarray(0, 30), labels: labels() }), /IDX file .*img\.idx: the header promises 8×2×2 ubyte values \(48 bytes with the header\), but the file has 30 bytes/),
  idx('truncated header', () => ({ images: images().subarray(0, 6), labels: labels() }), /IDX file .*img\.idx: truncated header/),
  idx('empty file', () => ({ images: new Uint8Array(0), labels: labels() }), /IDX file .*img\.idx: only 0 bytes, too short for an IDX header/),
  idx('gzip-compressed file', () => ({ images: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4]), labels: labels() }), /bad magic number 0x1f8b0800[\s\S]*is the file gzip-compressed/),
  idx('labels fewer than images', () => ({ images: images(), labels: labels([0, 1, 0]) }), /data\.labels: idx dataset: .*img\.idx has 8 images but .*lab\.idx has 3 labels/),
  idx('images with one dimension', () => ({ images: encodeIdx('ubyte', [N], Array.from({ length: N }, () => 1)), labels: labels() }), /img\.idx holds a 1-D array; images need at least 2 dimensions/),
  idx('labels with two dimensions', () => ({ images: images(), labels: encodeIdx('ubyte', [N, 2], Array.from({ length: 2 * N }, () => 1)) }), /lab\.idx holds a 8×2 array; labels need 1 dimension/),
  idx('a dimension of 2^32-1', () => {
    const bad = images();
    new DataView(bad.buffer, bad.byteOffset).setUint32(4, 0xffffffff, false);
    return { images: bad, labels: labels() };
  }, /IDX file .*img\.idx: the header promises 4294967295×2×2 ubyte values/),
];
