import { describe, expect, it } from 'vitest';
import { readEvaluation } from '../src/run/evaluation.js';
import { hyperparameters } from '../src/run/hyperparameters.js';

describe('hyperparameter sources', () => {
  const resolved = {
    name: 'x',
    seed: 1,
    output_dir: 'runs',
    data: { type: 'iris', validation_split: 0.2, test_split: 0 },
    model: { type: 'mlp', units: 16, output_activation: 'linear' },
    loss: { type: 'cross_entropy' },
    metrics: [{ type: 'accuracy' }],
    train: { epochs: 5, optimizer: { type: 'sgd', learning_rate: 0.1, momentum: 0 } },
    regularization: [{ type: 'dropout', rate: 0.2 }],
  };
  const written = { name: 'x', seed: 1, data: { type: 'iris', validation_split: 0.2 }, model: { type: 'mlp', units: 16 }, loss: { type: 'cross_entropy' }, metrics: ['accuracy'], train: { epochs: 5, optimizer: { type: 'sgd', learning_rate: 0.1 } }, regularization: [{ type: 'dropout', rate: 0.2 }] };

  it('marks what the spec set, what defaults filled in and what a search chose, by group', () => {
    const rows = Object.fromEntries(hyperparameters(resolved, written, ['train.optimizer.learning_rate']).map((h) => [h.path, `${h.group} ${h.source}`]));
    expect(rows).toMatchObject({
      seed: 'training set',
      'train.optimizer.learning_rate': 'training searched',
      'train.optimizer.momentum': 'training default',
      'metrics[0].type': 'training set',
      'model.units': 'architecture set',
      'model.output_activation': 'architecture default',
      'regularization[0].rate': 'regularization set',
      'data.test_split': 'data default',
    });
    expect(rows.name).toBeUndefined();
    expect(rows.output_dir).toBeUndefined();
  });

  it('reads a confusion matrix and the numbers of evaluation.json', () => {
    const ev = readEvaluation({ accuracy: 0.5, macro: { f1: 0.4 }, classes: ['a', 'b'], confusion_matrix: [[1, 1], [0, 2]] });
    expect(ev.confusion).toEqual({ matrix: [[1, 1], [0, 2]], labels: ['a', 'b'] });
    expect(ev.metrics).toEqual([{ name: 'accuracy', value: 0.5 }, { name: 'macro.f1', value: 0.4 }]);
    expect(readEvaluation({ confusion_matrix: { labels: ['x', 'y'], matrix: [[3, 0], [1, 2]] } }).confusion?.labels).toEqual(['x', 'y']);
  });
});
