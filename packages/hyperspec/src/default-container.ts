import { readFileSync } from 'node:fs';
import { createContainer, pluginName, type ContainerOptions } from '@hyperspec/core';
import type { Container, ContainerModule } from 'inversify';

/**
 * The default bundle is every dependency of this package (its package.json) whose default export is a
 * plugin module made by `definePlugin`: backend, layers, losses, optimizers, data, searchers, ... So
 * adding a plugin to the bundle is one line in that list. They are loaded once, when this module is.
 */
async function loadBundle(): Promise<ContainerModule[]> {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  const modules = await Promise.all(Object.keys(manifest.dependencies).sort().map(async (name) => (await import(name) as { default?: unknown }).default));
  return modules.filter((m): m is ContainerModule => typeof m === 'object' && m !== null && pluginName(m as ContainerModule) !== undefined);
}

/** The plugins every hyperspec installation has. */
export const defaultPlugins: readonly ContainerModule[] = await loadBundle();
import backendCpu from '@hyperspec/backend-cpu';
import backendWasm from '@hyperspec/backend-wasm';
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
import exportOnnx from '@hyperspec/export-onnx';
import exportTfjs from '@hyperspec/export-tfjs';
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
  exportOnnx,
  exportTfjs,
];

/** A container with the default plugins plus `extra` ones (a user's own). */
export function createDefaultContainer(extra: readonly ContainerModule[] = [], options: ContainerOptions = {}): Container {
  return createContainer([...defaultPlugins, ...extra], options);
}
