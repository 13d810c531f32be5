import { definePlugin, type ComponentDescriptor, type Loss } from '@hyperspec/core';
import { binaryCrossEntropyWithLogits, mse, softmaxCrossEntropy } from '@hyperspec/core/tensor';

const empty = (type: string) => ({ $id: `hyperspec:loss/${type}`, type: 'object', properties: {}, additionalProperties: false });

const descriptors: ComponentDescriptor<Loss>[] = [
  {
    kind: 'loss',
    type: 'cross_entropy',
    description: 'Softmax cross-entropy on logits against class indices (mean over the batch)',
    schema: empty('cross_entropy'),
    create: () => ({ targets: 'labels', prediction: 'softmax', compute: softmaxCrossEntropy, capturable: true }),
  },
  {
    kind: 'loss',
    type: 'binary_cross_entropy',
    description: 'Sigmoid binary cross-entropy on logits against 0/1 targets (mean)',
    schema: empty('binary_cross_entropy'),
    create: () => ({ targets: 'values', prediction: 'sigmoid', compute: binaryCrossEntropyWithLogits, capturable: true }),
  },
  {
    kind: 'loss',
    type: 'mse',
    description: 'Mean squared error',
    schema: empty('mse'),
    create: () => ({ targets: 'values', prediction: 'identity', compute: mse, capturable: true }),
  },
];

export default definePlugin('@hyperspec/loss', descriptors);
