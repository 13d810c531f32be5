import type { ArraySplit } from '../contracts/dataset.js';
import type { Loss } from '../contracts/loss.js';
import type { Metric } from '../contracts/metric.js';
import type { Model } from '../model/model.js';
import type { Engine } from '../tensor/engine.js';
import { gatherBatch } from './batcher.js';

export interface EvaluateOptions {
  engine: Engine;
  model: Model;
  loss: Loss;
  metrics: readonly Metric[];
  sampleShape: readonly number[];
  targetShape: readonly number[];
  batchSize?: number;
}

/** Loss and metrics of the model in inference mode over a whole split, by name. */
export function evaluate(split: ArraySplit, o: EvaluateOptions): Record<string, number> {
  const batchSize = o.batchSize ?? 256;
  for (const m of o.metrics) m.reset();
  let lossSum = 0;
  o.engine.noGrad(() => {
    for (let start = 0; start < split.count; start += batchSize) {
      const end = Math.min(start + batchSize, split.count);
      o.engine.scope(() => {
        const { x, y } = gatherBatch(o.engine, split, o.sampleShape, o.targetShape, null, start, end);
        const out = o.model.forward(x, { training: false });
        const loss = o.loss.compute(out, y).item();
        lossSum += loss * (end - start);
        for (const m of o.metrics) m.update(out, y, loss);
      });
    }
  });
  const result: Record<string, number> = { loss: split.count ? lossSum / split.count : NaN };
  for (const m of o.metrics) if (m.name !== 'loss') result[m.name] = m.result();
  return result;
}
