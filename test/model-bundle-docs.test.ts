import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictIris } from '../examples/programmatic/predict-iris.js';
import { hyperspec, tempDir } from './cli-helpers.js';
import { repoRoot } from './repo-paths.js';

const doc = readFileSync(join(repoRoot, 'docs/model-bundle.md'), 'utf8');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1].split('\n').map((l) => l.trim()).filter(Boolean));

describe('docs/model-bundle.md: its commands and code run', () => {
  // A fresh folder with the examples beside it, so runs/ and the outputs land there, as in a checkout.
  const cwd = tempDir('hs-doc-');
  symlinkSync(join(repoRoot, 'examples'), join(cwd, 'examples'));
  const commands = blocks(doc, 'sh')[0];

  it('the walk-through: train, predict, evaluate, export', () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const line of commands) {
      const [bin, ...args] = line.split(/\s+/);
      expect(bin).toBe('hyperspec');
      const r = hyperspec(args, { cwd });
      expect(r.stderr.includes('error') ? r.stderr : '', line).toBe('');
      expect(r.code, line).toBe(0);
    }
    const bundle = JSON.parse(readFileSync(join(cwd, 'runs/iris-best/model.json'), 'utf8'));
    expect(bundle.parameters.selected).toBe('best');
    expect(readFileSync(join(cwd, 'predictions.csv'), 'utf8').split('\n')[0]).toBe('prediction,p_setosa,p_versicolor,p_virginica');
    const evaluation = JSON.parse(readFileSync(join(cwd, 'evaluation-all.json'), 'utf8'));
    expect(evaluation.samples).toBe(150);
    expect(evaluation.accuracy).toBeGreaterThan(0.9);
    for (const f of ['iris.onnx', 'iris-tfjs/model.json', 'iris-tfjs/weights.bin', 'iris-tfjs/preprocessing.json', 'iris-tfjs/README.md', 'runs/iris-best/evaluation.json']) {
      expect(existsSync(join(cwd, f)), f).toBe(true);
    }
  });

  it('the code example is examples/programmatic/predict-iris.ts, and it predicts', async () => {
    const file = readFileSync(join(repoRoot, 'examples/programmatic/predict-iris.ts'), 'utf8').replace(/\s+/g, ' ');
    for (const line of blocks(doc, 'ts')[0]) expect(file).toContain(line.replace(/\s+/g, ' ').replace(/,$/, ''));
    const predictions = await predictIris(join(cwd, 'runs/iris-best'));
    expect(predictions.map((p) => p.prediction)).toEqual(['setosa', 'virginica']);
  });

  it("README's section shows the same commands and code", () => {
    const section = readme.slice(readme.indexOf('## Use the trained model'));
    const sh = blocks(section, 'sh')[0];
    expect(sh.length).toBeGreaterThan(2);
    for (const line of sh) expect(commands).toContain(line);
    const file = readFileSync(join(repoRoot, 'examples/programmatic/predict-iris.ts'), 'utf8').replace(/\s+/g, ' ');
    for (const line of blocks(section, 'ts')[0]) expect(file).toContain(line.replace(/\s+/g, ' ').replace(/,$/, ''));
  });
});
