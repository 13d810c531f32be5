import { definePlugin, type ComponentDescriptor, type Metric } from '@hyperspec/core';
import { Accuracy } from './accuracy.js';
import { ClassScore, RocAuc, TopKAccuracy, type ScoreOptions } from './classification-metrics.js';
import { MeanLoss } from './mean-loss.js';
import { RegressionMetric } from './regression-metrics.js';

export { Accuracy, MeanLoss, ClassScore, RocAuc, TopKAccuracy, RegressionMetric, type ScoreOptions };
export { confusionMatrix, classScores, averagedScore, type Average, type ClassScores } from './confusion.js';
export { binaryRocAuc, rocAuc, topKAccuracy, logLoss } from './ranking.js';
export { RegressionSums } from './regression-scores.js';
export { classProbabilities, predictedClasses } from './class-probabilities.js';

const name = { type: 'string', minLength: 1, description: 'Name in the metrics table and for objectives (default: derived from the type and options)' };
const schema = (type: string, properties: Record<string, unknown> = {}) => ({
  $id: `hyperspec:metric/${type}`,
  type: 'object',
  properties: { ...properties, name },
  additionalProperties: false,
});
const empty = (type: string) => ({ $id: `hyperspec:metric/${type}`, type: 'object', properties: {}, additionalProperties: false });
const scoreProperties = {
  average: {
    enum: ['macro', 'micro', 'weighted', 'binary'],
    default: 'macro',
    description: 'macro: mean over classes; micro: over all decisions; weighted: by class support; binary: positive_class only (as scikit-learn)',
  },
  positive_class: { type: 'integer', minimum: 0, maximum: 100000, default: 1, description: 'The class scored by average: binary' },
};

function score(type: 'precision' | 'recall' | 'f1', description: string): ComponentDescriptor<Metric, ScoreOptions> {
  return { kind: 'metric', type, description, schema: schema(type, scoreProperties), create: (o) => new ClassScore(type, o) };
}

const descriptors: ComponentDescriptor<Metric>[] = [
  { kind: 'metric', type: 'accuracy', description: 'Fraction of correctly classified samples (arg-max, or logit > 0 for one output)', schema: empty('accuracy'), create: () => new Accuracy() },
  { kind: 'metric', type: 'loss', description: 'Mean loss over the epoch (always reported)', schema: empty('loss'), create: () => new MeanLoss() },
  score('precision', 'Precision: of the samples predicted as a class, the fraction that are (named precision, or precision_<average>)'),
  score('recall', 'Recall: of the samples of a class, the fraction predicted as it (named recall, or recall_<average>)'),
  score('f1', 'F1: harmonic mean of precision and recall (named f1, or f1_<average>)'),
  {
    kind: 'metric',
    type: 'auc',
    description: 'Area under the ROC curve of the class probabilities (binary; one-vs-rest for more classes)',
    schema: schema('auc', { average: { enum: ['macro', 'weighted'], default: 'macro', description: 'How one-vs-rest AUCs of several classes are averaged' } }),
    create: (o: { average: 'macro' | 'weighted'; name?: string }) => new RocAuc(o),
  },
  {
    kind: 'metric',
    type: 'top_k_accuracy',
    description: 'Fraction of samples whose true class is among the k most probable (named top_<k>_accuracy)',
    schema: schema('top_k_accuracy', { k: { type: 'integer', minimum: 1, maximum: 100000, default: 5, description: 'How many of the most probable classes count' } }),
    create: (o: { k: number; name?: string }) => new TopKAccuracy(o),
  },
  { kind: 'metric', type: 'mae', description: 'Mean absolute error (regression)', schema: schema('mae'), create: (o: { name?: string }) => new RegressionMetric('mae', o.name) },
  { kind: 'metric', type: 'rmse', description: 'Root mean squared error (regression)', schema: schema('rmse'), create: (o: { name?: string }) => new RegressionMetric('rmse', o.name) },
  { kind: 'metric', type: 'r2', description: 'Coefficient of determination R² (regression)', schema: schema('r2'), create: (o: { name?: string }) => new RegressionMetric('r2', o.name) },
];

export default definePlugin('@hyperspec/metric', descriptors);
