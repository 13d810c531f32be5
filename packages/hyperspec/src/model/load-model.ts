import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentsToken, EngineToken, HyperspecError, LoggerToken, Rng, buildModel, isHyperspecError, loadPlugin, type Components, type InputReader, type Logger as LoggerType } from '@hyperspec/core';
import { loadModelArrays, readSafetensors } from '@hyperspec/core/run';
import { readModelBundle, type ModelBundle } from '@hyperspec/core/bundle';
import { type Engine } from '@hyperspec/core/tensor';
import type { ContainerModule } from 'inversify';
import { createDefaultContainer } from '../default-container.js';
import { LoadedModel } from './loaded-model.js';

export interface LoadModelOptions {
  /** Plugins besides the default bundle and those the bundle names (e.g. a custom layer's). */
  plugins?: readonly ContainerModule[];
  /** Backend to run on (default: the registered backend with the highest priority). */
  backend?: string;
  logger?: LoggerType;
}

/**
 * Loads the model bundle of a run directory: checks model.json (format version, schema), rebuilds the
 * layers it lists with their plugins, loads the parameters it names, and makes the input reader from
 * the fitted preprocessing. Reads nothing but the run directory (and the plugins' code): no training
 * data, no network. Failures are `data` errors naming the file.
 */
export async function loadModel(runDir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const bundle = readModelBundle(runDir);
  const paramsFile = join(runDir, bundle.parameters.file);
  if (!existsSync(paramsFile)) {
    throw new HyperspecError('data', `${runDir} has no parameters: ${bundle.parameters.file} is missing`, { hint: 'the run did not finish writing its model, or the file was removed; train the spec again' });
  }
  const modules: ContainerModule[] = [...(options.plugins ?? [])];
  for (const p of bundle.plugins) modules.push((await loadPlugin(p, runDir)).module);
  const container = createDefaultContainer(modules, { backend: options.backend, logger: options.logger });
  const components = container.get(ComponentsToken);
  const engine = container.get<Engine>(EngineToken);
  const model = rebuild(bundle, components, engine, runDir);
  const { tensors } = readSafetensors(paramsFile);
  try {
    loadModelArrays(model, tensors, paramsFile);
  } catch (e) {
    model.dispose();
    throw e;
  }
  // A loaded model's parameters never change: kernels may keep prepared copies (packed weights).
  for (const p of model.parameters()) p.value.frozen = true;
  // ... and neighbouring layers may run as one (a convolution with the max pooling after it).
  model.prepareInference();
  const logger = container.get(LoggerToken);
  return new LoadedModel(runDir, bundle, model, { components, engine, logger }, bundle.preprocessing ? inputReader(bundle, components, runDir) : undefined);
}

/** Builds the bundle's layers (fresh parameters, overwritten by the saved ones) and checks their shapes. */
function rebuild(bundle: ModelBundle, components: Components, engine: Engine, runDir: string) {
  const where = join(runDir, 'model.json');
  try {
    const model = buildModel(bundle.layers.map((l) => ({ type: l.type, ...l.options })), {
      components, engine, rng: new Rng(0), inputShape: bundle.input_shape, pathOf: (_l, i) => `layers[${i}]`,
    });
    model.layers.forEach((l, i) => {
      if (l.layer.outputShape.join() !== bundle.layers[i].output_shape.join()) {
        throw new HyperspecError('data', `layers[${i}] (${l.type}) now gives [${l.layer.outputShape.join(', ')}], but the bundle recorded [${bundle.layers[i].output_shape.join(', ')}]`);
      }
    });
    return model;
  } catch (e) {
    if (isHyperspecError(e)) throw new HyperspecError('data', `${where}: ${e.message}`, { hint: e.hint ?? 'the plugin that provides this layer may be missing or a different version', cause: e });
    throw e;
  }
}

function inputReader(bundle: ModelBundle, components: Components, runDir: string): InputReader {
  const path = 'preprocessing.input';
  try {
    return components.create<InputReader>('input', bundle.preprocessing!.input, path);
  } catch (e) {
    if (isHyperspecError(e)) throw new HyperspecError('data', `${join(runDir, 'model.json')} ${path}: ${e.message}`, { hint: e.hint ?? 'load the plugin of the dataset the model was trained on (--plugin)', cause: e });
    throw e;
  }
}
