import { evaluate } from '../train/evaluate.js';
import type { ComposedRun } from './compose-run.js';

/** The last epoch's metrics, plus `test_<metric>` for every metric on the test split when the data has one. */
export function finalMetrics(run: ComposedRun, history: readonly Record<string, number>[]): Record<string, number> {
  const final: Record<string, number> = { ...(history[history.length - 1] ?? {}) };
  const test = run.data.test;
  if (test && test.count > 0) {
    const scores = evaluate(test, { engine: run.engine, model: run.model, loss: run.loss, metrics: run.metrics(), sampleShape: run.sampleShape, targetShape: run.targetShape });
    for (const [k, v] of Object.entries(scores)) final[`test_${k}`] = v;
  }
  return final;
}
