import { definePlugin, type ComponentDescriptor, type Metric } from '@hyperspec/core';
import { Accuracy } from './accuracy.js';
import { MeanLoss } from './mean-loss.js';

export { Accuracy, MeanLoss };

const empty = (type: string) => ({ $id: `hyperspec:metric/${type}`, type: 'object', properties: {}, additionalProperties: false });

const descriptors: ComponentDescriptor<Metric>[] = [
  { kind: 'metric', type: 'accuracy', description: 'Fraction of correctly classified samples (arg-max, or logit > 0 for one output)', schema: empty('accuracy'), create: () => new Accuracy() },
  { kind: 'metric', type: 'loss', description: 'Mean loss over the epoch (always reported)', schema: empty('loss'), create: () => new MeanLoss() },
];

export default definePlugin('@hyperspec/metrics', descriptors);
