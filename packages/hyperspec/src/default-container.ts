import backendCpu from '@hyperspec/backend-cpu';
import { createContainer, type ContainerOptions } from '@hyperspec/core';
import datasetsCsv from '@hyperspec/datasets-csv';
import initializers from '@hyperspec/initializers';
import layersDense from '@hyperspec/layers-dense';
import losses from '@hyperspec/losses';
import metrics from '@hyperspec/metrics';
import models from '@hyperspec/models';
import optimizerSgd from '@hyperspec/optimizer-sgd';
import regularizerLayers from '@hyperspec/regularizer-layers';
import regularizerPenalties from '@hyperspec/regularizer-penalties';
import type { Container, ContainerModule } from 'inversify';

/** The plugins every hyperspec installation has: backend, layers, losses, optimizers, data, ... */
export const defaultPlugins: readonly ContainerModule[] = [
  backendCpu,
  layersDense,
  initializers,
  losses,
  metrics,
  models,
  optimizerSgd,
  regularizerPenalties,
  regularizerLayers,
  datasetsCsv,
];

/** A container with the default plugins plus `extra` ones (a user's own). */
export function createDefaultContainer(extra: readonly ContainerModule[] = [], options: ContainerOptions = {}): Container {
  return createContainer([...defaultPlugins, ...extra], options);
}
