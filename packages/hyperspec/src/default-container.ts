import backendCpu from '@hyperspec/backend-cpu';
import backendWasm from '@hyperspec/backend-wasm';
import { createContainer, type ContainerOptions } from '@hyperspec/core';
import datasetsCsv from '@hyperspec/datasets-csv';
import datasetsMnist from '@hyperspec/datasets-mnist';
import initializers from '@hyperspec/initializers';
import layersDense from '@hyperspec/layers-dense';
import losses from '@hyperspec/losses';
import metrics from '@hyperspec/metrics';
import models from '@hyperspec/models';
import optimizerSgd from '@hyperspec/optimizer-sgd';
import regularizerLayers from '@hyperspec/regularizer-layers';
import regularizerPenalties from '@hyperspec/regularizer-penalties';
import optimizerAdam from '@hyperspec/optimizer-adam';
import optimizerRmsprop from '@hyperspec/optimizer-rmsprop';
import optimizerAdagrad from '@hyperspec/optimizer-adagrad';
import schedules from '@hyperspec/schedules';
import searcherGrid from '@hyperspec/searcher-grid';
import searcherRandom from '@hyperspec/searcher-random';
import searcherBayes from '@hyperspec/searcher-bayes';
import searcherTpe from '@hyperspec/searcher-tpe';
import storageMemory from '@hyperspec/storage-memory';
import storageSqlite from '@hyperspec/storage-sqlite';
import prunerMedian from '@hyperspec/pruner-median';
import prunerAsha from '@hyperspec/pruner-asha';
import layersConv from '@hyperspec/layers-conv';
import layersPooling from '@hyperspec/layers-pooling';
import layersDropout from '@hyperspec/layers-dropout';
import layersBatchnorm from '@hyperspec/layers-batchnorm';
import datasetsSpam from '@hyperspec/datasets-spam';
import callbackEarlyStopping from '@hyperspec/callback-early-stopping';
import type { Container, ContainerModule } from 'inversify';

/** The plugins every hyperspec installation has: backend, layers, losses, optimizers, data, ... */
export const defaultPlugins: readonly ContainerModule[] = [
  backendWasm,
  backendCpu,
  layersDense,
  layersConv,
  layersPooling,
  layersDropout,
  layersBatchnorm,
  initializers,
  losses,
  metrics,
  models,
  optimizerSgd,
  optimizerAdam,
  optimizerRmsprop,
  optimizerAdagrad,
  schedules,
  regularizerPenalties,
  regularizerLayers,
  datasetsCsv,
  datasetsMnist,
  datasetsSpam,
  searcherGrid,
  searcherRandom,
  searcherBayes,
  searcherTpe,
  storageMemory,
  storageSqlite,
  prunerMedian,
  prunerAsha,
  callbackEarlyStopping,
];

/** A container with the default plugins plus `extra` ones (a user's own). */
export function createDefaultContainer(extra: readonly ContainerModule[] = [], options: ContainerOptions = {}): Container {
  return createContainer([...defaultPlugins, ...extra], options);
}
