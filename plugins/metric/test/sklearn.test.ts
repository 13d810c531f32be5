import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentSpec, Metric } from '@hyperspec/core';
import { componentsOf } from '@hyperspec/core/testing';
import type { Engine } from '@hyperspec/core/tensor';
import backendCpu from '@hyperspec/backend-cpu';
import metrics, { classScores, confusionMatrix, logLoss, classProbabilities } from '@hyperspec/metric';
import { describe, expect, it } from 'vitest';

interface Matrix { shape: number[]; data: number[] }
interface ClassCase { name: string; logits: Matrix; labels: number[]; values: Record<string, number>; per_class: Record<string, number[]>; confusion_matrix: number[][] }
interface RegressionCase { name: string; predicted: Matrix; actual: Matrix; values: Record<string, number> }

// Written by tools/fixtures/make_metric_fixtures.py (scikit-learn 1.2).
const fixture = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/sklearn-metrics.json'), 'utf8')) as {
  classification: ClassCase[];
  regression: RegressionCase[];
};

const components = componentsOf([backendCpu, metrics]);
const engine = components.context('metrics[0]').engine as Engine;

function metric(spec: ComponentSpec): Metric {
  return components.create<Metric>('metric', spec, 'metrics[0]');
}

/** Feeds a metric the outputs in two batches (so accumulation over batches is exercised). */
function measure(spec: ComponentSpec, outputs: Matrix, targets: number[]): { name: string; value: number } {
  const m = metric(spec);
  m.reset();
  const [n, k] = outputs.shape;
  const half = Math.floor(n / 2);
  for (const [a, b] of [[0, half], [half, n]]) {
    const out = engine.tensor(outputs.data.slice(a * k, b * k), [b - a, k]);
    const y = engine.tensor(targets.slice(a * (targets.length / n), b * (targets.length / n)), targets.length === n ? [b - a] : [b - a, k]);
    m.update(out, y, 0);
  }
  return { name: m.name, value: m.result() };
}

describe('classification metrics equal scikit-learn on fixed arrays', () => {
  for (const c of fixture.classification) {
    describe(c.name, () => {
      for (const [key, expected] of Object.entries(c.values)) {
        it(key, () => {
          let spec: ComponentSpec;
          let name = key;
          const [type, variant] = key.split(/_(?=macro|micro|weighted|binary)/);
          if (key === 'accuracy') spec = 'accuracy';
          else if (key.startsWith('top_')) {
            const k = Number(key.split('_')[1]);
            spec = { type: 'top_k_accuracy', k };
          } else if (type === 'auc') {
            spec = { type: 'auc', average: variant };
            name = 'auc';
          } else if (key === 'log_loss') {
            const { probs, classes } = classProbabilities(engine.tensor(c.logits.data, c.logits.shape));
            expect(logLoss(probs, c.labels, classes)).toBeCloseTo(expected, 9);
            return;
          } else {
            spec = { type, average: variant };
            if (variant === 'macro') name = type;
          }
          const got = measure(spec, c.logits, c.labels);
          expect(got.name).toBe(name);
          expect(got.value).toBeCloseTo(expected, 9);
        });
      }

      it('confusion matrix and per-class precision, recall, F1, support', () => {
        const k = c.confusion_matrix.length;
        const { probs } = classProbabilities(engine.tensor(c.logits.data, c.logits.shape));
        const predicted = c.labels.map((_, i) => {
          let best = 0;
          for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
          return best;
        });
        const m = confusionMatrix(c.labels, predicted, k);
        expect(Array.from(m)).toEqual(c.confusion_matrix.flat());
        const s = classScores(m, k);
        for (const key of ['precision', 'recall', 'f1', 'support'] as const) {
          s[key].forEach((v, j) => expect(v).toBeCloseTo(c.per_class[key][j], 12));
        }
      });
    });
  }
});

describe('regression metrics equal scikit-learn on fixed arrays', () => {
  for (const c of fixture.regression) {
    for (const [key, expected] of Object.entries(c.values)) {
      it(`${c.name}: ${key}`, () => {
        const got = measure(key, c.predicted, c.actual.data);
        expect(got.name).toBe(key);
        expect(got.value).toBeCloseTo(expected, 9);
      });
    }
  }

  it('r2 of a constant target: 1 when predicted exactly, else 0 (as scikit-learn)', () => {
    expect(measure('r2', { shape: [3, 1], data: [2, 2, 2] }, [2, 2, 2]).value).toBe(1);
    expect(measure('r2', { shape: [3, 1], data: [2, 2, 3] }, [2, 2, 2]).value).toBe(0);
  });
});

describe('metric names and directions', () => {
  it('derive names from the options, so several variants can be reported and used as objectives', () => {
    expect(metric('precision').name).toBe('precision');
    expect(metric({ type: 'f1', average: 'micro' }).name).toBe('f1_micro');
    expect(metric({ type: 'top_k_accuracy', k: 3 }).name).toBe('top_3_accuracy');
    expect(metric({ type: 'recall', name: 'spam_recall', average: 'binary' }).name).toBe('spam_recall');
    expect(metric('mae').higherIsBetter).toBe(false);
    expect(metric('rmse').higherIsBetter).toBe(false);
    expect(metric('r2').higherIsBetter).toBe(true);
    expect(metric('auc').higherIsBetter).toBe(true);
  });
});
