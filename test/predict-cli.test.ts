import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeIdx } from '@hyperspec/dataset-mnist';
import { loadModel } from 'hyperspec';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainShortened } from './bundle-helpers.js';
import { hyperspec, tempDir } from './cli-helpers.js';
import { cli } from './cli-in-process.js';
import { repoRoot } from './repo-paths.js';

const work = tempDir('hs-predict-');
const irisRows = readFileSync(join(repoRoot, 'examples/data/iris.csv'), 'utf8').trim().split('\n');
const header = irisRows[0];

/** iris.csv split in two files: every fifth row to test.csv, the rest to train.csv (with a spec beside them). */
function irisProject(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const rows = irisRows.slice(1);
  writeFileSync(join(dir, 'train.csv'), [header, ...rows.filter((_, i) => i % 5 !== 0)].join('\n') + '\n');
  writeFileSync(join(dir, 'test.csv'), [header, ...rows.filter((_, i) => i % 5 === 0)].join('\n') + '\n');
  writeFileSync(join(dir, 'iris.yaml'), [
    'name: iris-files', 'seed: 3',
    'data: { type: csv, path: train.csv, test_path: test.csv, target: species, validation_split: 0.2 }',
    'model: { type: mlp, hidden_layers: 1, units: 8, activation: tanh }', 'loss: cross_entropy', 'metrics: [accuracy, f1]',
    'train: { epochs: 40, batch_size: 16, optimizer: { type: adam, learning_rate: 0.02 } }',
  ].join('\n') + '\n');
}

let runDir: string;
let report: { final: Record<string, number> };
const project = join(work, 'project');

beforeAll(async () => {
  irisProject(project);
  runDir = (await trainShortened(join(project, 'iris.yaml'))).runDir;
  report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'));
});

function csvPredictions(text: string): { label: string; p: number[] }[] {
  const [head, ...lines] = text.trim().split('\n');
  expect(head).toBe('prediction,p_setosa,p_versicolor,p_virginica');
  return lines.map((l) => {
    const [label, ...p] = l.split(',');
    return { label, p: p.map(Number) };
  });
}

describe('hyperspec predict and evaluate on a trained iris bundle', () => {
  it('predict on the test CSV reproduces the test accuracy the run reported; evaluate agrees', () => {
    const testFile = join(project, 'test.csv');
    const out = hyperspec(['predict', runDir, testFile]);
    expect(out.code).toBe(0);
    const rows = csvPredictions(out.stdout);
    const truth = readFileSync(testFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[4]);
    expect(rows).toHaveLength(30);
    for (const r of rows) expect(r.p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const accuracy = rows.filter((r, i) => r.label === truth[i]).length / rows.length;
    expect(accuracy).toBe(report.final.test_accuracy);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);

    const evaluated = hyperspec(['evaluate', runDir, '--data', testFile]);
    expect(evaluated.code).toBe(0);
    const evaluation = JSON.parse(readFileSync(join(runDir, 'evaluation.json'), 'utf8'));
    expect(evaluation.accuracy).toBe(report.final.test_accuracy);
    expect(evaluation.log_loss).toBeCloseTo(report.final.test_loss, 5);
    expect(evaluation.macro.f1).toBeCloseTo(report.final.test_f1, 9);
    expect(evaluation.confusion_matrix.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(30);
    expect(evaluated.stdout).toContain('confusion matrix');
    // --split test scores the run's own test split: the same numbers.
    expect(hyperspec(['evaluate', runDir, '--split', 'test', '--out', join(work, 'split.json')]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'split.json'), 'utf8')).accuracy).toBe(report.final.test_accuracy);
  });

  it('writes JSON lines to --out atomically, in input order; the same rows through loadModel().predict', async () => {
    const input = join(work, 'rows.jsonl');
    const objects = [
      { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 },
      { sepal_length: 6.7, sepal_width: 3.0, petal_length: 5.2, petal_width: 2.3, species: 'virginica' },
      { sepal_length: 5.9, sepal_width: 2.8, petal_length: 4.2, petal_width: 1.3 },
    ];
    writeFileSync(input, objects.map((o) => JSON.stringify(o)).join('\n') + '\n');
    const outFile = join(work, 'out.jsonl');
    const r = hyperspec(['predict', runDir, input, '--out', outFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = readFileSync(outFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.prediction)).toEqual(['setosa', 'virginica', 'versicolor']);
    const model = await loadModel(runDir);
    const programmatic = model.predict(objects.map(({ species: _s, ...o }) => o));
    programmatic.forEach((p, i) => {
      expect(p.prediction).toBe(lines[i].prediction);
      for (const label of model.labels!) expect(p.probabilities![label]).toBeCloseTo(lines[i].probabilities[label], 7);
    });
    model.dispose();
  });

  it('a bundle copied elsewhere, its training data gone, still predicts', () => {
    const copy = join(tempDir('hs-copy-'), 'model');
    cpSync(runDir, copy, { recursive: true });
    const input = join(work, 'held-out.csv');
    writeFileSync(input, readFileSync(join(project, 'test.csv')));
    rmSync(project, { recursive: true });
    const fromCopy = hyperspec(['predict', copy, input]);
    expect(fromCopy.code).toBe(0);
    irisProject(project); // for the original bundle's other tests
    expect(fromCopy.stdout).toBe(hyperspec(['predict', runDir, input]).stdout);
    rmSync(join(project, 'train.csv'));
    // Only evaluate --split needs the training data, and says so.
    const split = hyperspec(['evaluate', copy, '--split', 'test']);
    expect(split.code).toBe(1);
    expect(split.stderr).toMatch(/cannot read "train\.csv" \(tried .*train\.csv\): no such file/);
    irisProject(project);
  });
});

describe('bad inputs exit 1 with a message that says where', () => {
  const bad = (name: string, text: string) => {
    const file = join(work, name);
    writeFileSync(file, text);
    return file;
  };
  const refused = async (args: string[], message: RegExp, written?: string, spawn = false) => {
    const r = spawn ? hyperspec(args) : await cli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/ at .*\.js:\d+/); // no stack trace
    expect(r.stdout).toBe('');
    if (written) expect(existsSync(written)).toBe(false);
  };
  const rows = irisRows.slice(1, 4);

  it('a missing column (through the installed command)', async () => {
    const file = bad('missing.csv', ['sepal_length,sepal_width,petal_length,species', '5.1,3.5,1.4,setosa'].join('\n'));
    await refused(['predict', runDir, file, '--out', join(work, 'never.csv')], new RegExp(`${file}:1: column "petal_width" is missing from the header`), join(work, 'never.csv'), true);
  });

  it('an extra unknown column', async () => {
    const file = bad('extra.csv', [`${header},colour`, ...rows.map((r) => `${r},red`)].join('\n'));
    await refused(['predict', runDir, file], new RegExp(`${file}:1: column 6: unknown column "colour"`));
    const jsonl = bad('extra.jsonl', JSON.stringify({ sepal_length: 5, sepal_width: 3, petal_length: 1, petal_width: 0.2, petal_widht: 1 }) + '\n');
    await refused(['predict', runDir, jsonl], new RegExp(`${jsonl}:1: unknown column "petal_widht" — did you mean "petal_width"\\?`));
  });

  it('a non-numeric cell, with its line and column', async () => {
    const file = bad('text.csv', [header, rows[0], '4.9,abc,1.4,0.2,setosa'].join('\n'));
    await refused(['predict', runDir, file, '--out', join(work, 'never2.csv')], new RegExp(`${file}:3: column "sepal_width" \\(column 2\\): cannot parse "abc" as a number`), join(work, 'never2.csv'));
  });

  it('an input file that is missing or a directory', async () => {
    const missing = join(work, 'nowhere.csv');
    await refused(['predict', runDir, missing], new RegExp(`cannot read input file ${missing}: no such file or directory`));
    const dir = join(work, 'a-folder.csv');
    mkdirSync(dir, { recursive: true });
    await refused(['predict', runDir, dir, '--out', join(work, 'never3.csv')], new RegExp(`cannot read input file ${dir}: it is a directory, not a regular file`), join(work, 'never3.csv'));
  });

  it('an empty file', async () => {
    await refused(['predict', runDir, bad('empty.csv', '')], /empty\.csv is empty: no rows to predict/);
    await refused(['predict', runDir, bad('header-only.csv', header + '\n')], /header-only\.csv is empty: no rows to predict/);
  });

  it('a wrong image size', async () => {
    const dir = join(work, 'images');
    mkdirSync(dir, { recursive: true });
    const pixels = Array.from({ length: 40 * 64 }, (_, i) => (i * 37) % 256);
    writeFileSync(join(dir, 'images'), encodeIdx('ubyte', [40, 8, 8], pixels));
    writeFileSync(join(dir, 'labels'), encodeIdx('ubyte', [40], Array.from({ length: 40 }, (_, i) => i % 2)));
    writeFileSync(join(dir, 'images.yaml'), [
      'name: tiny-images', 'seed: 1', 'data: { type: idx, images: images, labels: labels, flatten: true }',
      'model: { type: mlp, hidden_layers: 1, units: 4 }', 'loss: cross_entropy', 'train: { epochs: 1 }',
    ].join('\n'));
    const imagesRun = (await trainShortened(join(dir, 'images.yaml'))).runDir;
    writeFileSync(join(dir, 'small'), encodeIdx('ubyte', [3, 7, 7], new Array(147).fill(1)));
    await refused(['predict', imagesRun, join(dir, 'small')], /IDX file .*small: images are 7×7, but the model was trained on 8×8 images/);
    expect((await cli(['predict', imagesRun, join(dir, 'images')])).code).toBe(0);
  });

  it('a run directory without parameters, without model.json, or of an unknown format version', async () => {
    const copy = join(tempDir('hs-broken-'), 'run');
    cpSync(runDir, copy, { recursive: true });
    rmSync(join(copy, 'parameters.safetensors'));
    await refused(['predict', copy, join(project, 'test.csv')], new RegExp(`${copy} has no parameters: parameters.safetensors is missing`));
    rmSync(join(copy, 'model.json'));
    await refused(['predict', copy, join(project, 'test.csv')], new RegExp(`${copy} has no model.json`));
    const bundle = JSON.parse(readFileSync(join(runDir, 'model.json'), 'utf8'));
    const versions: [number, RegExp][] = [[99, /format version 99, newer than this hyperspec reads \(1\)/], [0, /format version 0, which this hyperspec no longer reads/]];
    for (const [v, message] of versions) {
      writeFileSync(join(copy, 'model.json'), JSON.stringify({ ...bundle, format_version: v }));
      await refused(['evaluate', copy], message);
    }
    const { layers: _layers, ...withoutLayers } = bundle;
    writeFileSync(join(copy, 'model.json'), JSON.stringify(withoutLayers));
    await refused(['export', copy, '--format', 'onnx', '--out', join(work, 'x.onnx')], /model\.json does not match the model bundle schema: \(top level\): must have required property 'layers'/, join(work, 'x.onnx'));
  });
});
