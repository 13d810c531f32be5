import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentsToken, Rng, definePlugin, runTraining, type ComponentDescriptor, type DataSplits, type Dataset, type RunSpec } from '@hyperspec/core';
import { validateSpec } from '@hyperspec/core/spec';
import { objectiveValue } from '@hyperspec/core/study';
import { readSafetensors } from '@hyperspec/core/run';
import { logLoss } from '@hyperspec/metric';
import { createDefaultContainer, loadModel } from 'hyperspec';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli-helpers.js';

/**
 * A constructed case whose validation loss falls and then rises: the train points are separable
 * (label = x₀ > 0), so the weights grow without bound, while a quarter of the validation labels are
 * flipped, so confidence beyond a calibrated level costs validation loss. The validation split is given
 * by the dataset, so no preprocessing is fitted on it.
 */
function points(n: number, flip: number, rng: Rng) {
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = rng.next() * 2 - 1;
    x[2 * i + 1] = rng.next() * 2 - 1;
    y[i] = (x[2 * i] > 0 ? 1 : 0) ^ (rng.next() < flip ? 1 : 0);
  }
  return { x, y, count: n };
}

const overfitting: ComponentDescriptor<Dataset> = {
  kind: 'dataset',
  type: 'overfitting',
  description: 'separable train points, noisy validation labels',
  schema: { $id: 'test:dataset/overfitting', type: 'object', properties: {}, additionalProperties: false },
  create: () => ({
    async load(): Promise<DataSplits> {
      const rng = new Rng(17);
      return { train: points(200, 0, rng), validation: points(200, 0.25, rng), sampleShape: [2], targetShape: [], classes: 2, classNames: ['negative', 'positive'] };
    },
  }),
};

async function train(train: Record<string, unknown>): Promise<{ runDir: string; history: Record<string, number>[] }> {
  const container = createDefaultContainer([definePlugin('restore-best-test', [overfitting])]);
  const spec = validateSpec({
    data: {
      name: 'overfit', seed: 2, data: { type: 'overfitting' },
      model: { type: 'sequential', layers: [{ type: 'dense', units: 2 }] },
      loss: 'cross_entropy',
      train: { epochs: 30, batch_size: 20, shuffle: false, optimizer: { type: 'sgd', learning_rate: 0.1 }, ...train },
    },
  }, container.get(ComponentsToken)) as unknown as RunSpec;
  const result = await runTraining(spec, container, { runDir: join(tempDir('hs-best-'), 'run'), out: null });
  return { runDir: result.runDir, history: result.history };
}

/** The epoch (1-based) with the lowest validation loss; the case is only valid if the loss rises after it. */
function bestEpoch(history: Record<string, number>[]): number {
  let k = 0;
  history.forEach((m, i) => {
    if (m.val_loss < history[k].val_loss) k = i;
  });
  expect(k + 1).toBeGreaterThan(1);
  expect(history[history.length - 1].val_loss).toBeGreaterThan(history[k].val_loss + 0.01);
  return k + 1;
}

const arrays = (file: string) => Object.fromEntries(Object.entries(readSafetensors(file).tensors).map(([n, t]) => [n, Array.from(t.data)]));

describe('best weights', () => {
  it('early_stopping.restore_best keeps the parameters of the epoch before val_loss rose', async () => {
    // keep: all keeps every epoch's checkpoint, to compare the saved parameters with epoch k's.
    const { runDir, history } = await train({ early_stopping: { patience: 100, restore_best: true }, checkpoint: { keep: 'all' } });
    expect(history).toHaveLength(30);
    const k = bestEpoch(history);
    const bundle = JSON.parse(readFileSync(join(runDir, 'model.json'), 'utf8'));
    expect(bundle.parameters).toEqual({ file: 'parameters.safetensors', epoch: k, epochs: 30, selected: 'best', monitor: 'val_loss', value: history[k - 1].val_loss });
    expect(arrays(join(runDir, 'parameters.safetensors'))).toEqual(arrays(join(runDir, `checkpoint.e${k}.safetensors`)));
    expect(arrays(join(runDir, 'parameters.safetensors'))).not.toEqual(arrays(join(runDir, 'checkpoint.e30.safetensors')));
    for (let e = 1; e <= 30; e++) expect(existsSync(join(runDir, `checkpoint.e${e}.safetensors`))).toBe(true);
    // The loaded model scores epoch k's validation loss on the validation points.
    const model = await loadModel(runDir);
    const rng = new Rng(17);
    points(200, 0, rng);
    const validation = points(200, 0.25, rng);
    const set = model.predictSamples(validation.x, validation.count);
    expect(logLoss(set.outputs, validation.y, 2)).toBeCloseTo(history[k - 1].val_loss, 5);
    model.dispose();
    const report = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'));
    expect(report.selection.epoch).toBe(k);
    expect(report.selection.metrics.val_loss).toBe(history[k - 1].val_loss);
  });

  it('checkpoint.keep: best gives the same epoch; early stopping with patience stops after it and still keeps it', async () => {
    const kept = await train({ checkpoint: { keep: 'best', monitor: 'val_loss' } });
    const k = bestEpoch(kept.history);
    expect(JSON.parse(readFileSync(join(kept.runDir, 'model.json'), 'utf8')).parameters.epoch).toBe(k);
    expect(arrays(join(kept.runDir, 'parameters.safetensors'))).toEqual(arrays(join(kept.runDir, 'best.safetensors')));

    const stopped = await train({ early_stopping: { patience: 3, restore_best: true } });
    expect(stopped.history).toHaveLength(k + 3);
    expect(JSON.parse(readFileSync(join(stopped.runDir, 'model.json'), 'utf8')).parameters).toMatchObject({ epoch: k, epochs: k + 3, selected: 'best' });
    expect(arrays(join(stopped.runDir, 'parameters.safetensors'))).toEqual(arrays(join(kept.runDir, 'parameters.safetensors')));

    const last = await train({});
    expect(JSON.parse(readFileSync(join(last.runDir, 'model.json'), 'utf8')).parameters).toEqual({ file: 'parameters.safetensors', epoch: 30, epochs: 30, selected: 'last' });
  });

  it('refuses two different monitors for the one best epoch', async () => {
    await expect(train({ early_stopping: { restore_best: true, monitor: 'val_loss' }, checkpoint: { keep: 'best', monitor: 'val_accuracy' } }))
      .rejects.toThrow('checkpoint.keep: best monitors "val_accuracy" but early_stopping.restore_best monitors "val_loss"');
  });

  it("a search objective is read at the trial's best epoch (default) or its last", () => {
    const history = [{ val_loss: 0.6 }, { val_loss: 0.4 }, { val_loss: 0.5 }];
    expect(objectiveValue(history, 'val_loss', 'minimize', 'best')).toBe(0.4);
    expect(objectiveValue(history, 'val_loss', 'minimize', 'last')).toBe(0.5);
    expect(objectiveValue([{ val_accuracy: 0.7 }, { val_accuracy: 0.9 }, { val_accuracy: 0.8 }], 'val_accuracy', 'maximize', 'best')).toBe(0.9);
  });
});
