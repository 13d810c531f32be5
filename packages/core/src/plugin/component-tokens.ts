import type { ServiceIdentifier } from 'inversify';
import { Callback } from '../contracts/callback.js';
import { Dataset } from '../contracts/dataset.js';
import { Exporter } from '../contracts/exporter.js';
import { Initializer } from '../contracts/initializer.js';
import { InputReader } from '../contracts/input-reader.js';
import { Layer } from '../contracts/layer.js';
import { Loss } from '../contracts/loss.js';
import { LrSchedule } from '../contracts/lr-schedule.js';
import { Metric } from '../contracts/metric.js';
import { Optimizer } from '../contracts/optimizer.js';
import { Pruner } from '../contracts/pruner.js';
import { Regularizer } from '../contracts/regularizer.js';
import { Searcher } from '../contracts/searcher.js';
import { StudyStorage } from '../contracts/study-storage.js';
import { Backend } from '../tensor/backend.js';
import { ModelTemplate, type ComponentDescriptor, type ComponentKind } from './component-descriptor.js';

/**
 * The container token of each component kind: the contract's own token. Under it the container holds
 * that kind's descriptors, each bound with the name of its `type`
 * (`container.get(Optimizer, { name: 'adam' })`); `getAll` without a name lists them all.
 */
const TOKENS: Readonly<Record<ComponentKind, ServiceIdentifier<ComponentDescriptor<any, any, any>>>> = {
  backend: Backend,
  layer: Layer,
  model: ModelTemplate,
  initializer: Initializer,
  loss: Loss,
  metric: Metric,
  optimizer: Optimizer,
  schedule: LrSchedule,
  regularizer: Regularizer,
  dataset: Dataset,
  callback: Callback,
  searcher: Searcher,
  pruner: Pruner,
  storage: StudyStorage,
  input: InputReader,
  exporter: Exporter,
};

export function tokenOfKind<T = unknown>(kind: ComponentKind): ServiceIdentifier<ComponentDescriptor<T>> {
  return TOKENS[kind] as ServiceIdentifier<ComponentDescriptor<T>>;
}
