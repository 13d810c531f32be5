import { join } from 'node:path';
import {
  ComponentRegistryToken, HyperspecError, Logger, isHyperspecError, loadPlugin, readModelBundle, readSafetensors, resolveComponent,
  type ComponentRegistry, type Exporter,
} from '@hyperspec/core';
import type { ContainerModule } from 'inversify';
import { createDefaultContainer } from '../default-container.js';

export interface ExportOptions {
  /** Export format: the type of an `exporter` component (`onnx`, `tfjs`, or one a plugin adds). */
  format: string;
  /** Output path (a file for onnx, a directory for tfjs). */
  out: string;
  plugins?: readonly ContainerModule[];
}

/** Exports the model bundle of a run directory with the exporter of `format`; returns the files written. */
export async function exportModel(runDir: string, options: ExportOptions): Promise<string[]> {
  const bundle = readModelBundle(runDir);
  const modules: ContainerModule[] = [...(options.plugins ?? [])];
  for (const p of bundle.plugins) modules.push((await loadPlugin(p, runDir)).module);
  const container = createDefaultContainer(modules);
  const registry = container.get<ComponentRegistry>(ComponentRegistryToken);
  let exporter: Exporter;
  try {
    const { descriptor, options: o } = resolveComponent<Exporter>(registry, 'exporter', { type: options.format }, 'format');
    exporter = descriptor.create(o, { path: 'format', registry, logger: container.get(Logger) }) as Exporter;
  } catch (e) {
    if (isHyperspecError(e)) throw new HyperspecError('usage', `--format ${options.format}: ${e.message}`, { hint: `formats: ${registry.types('exporter').join(', ')}`, cause: e });
    throw e;
  }
  const paramsFile = join(runDir, bundle.parameters.file);
  const { tensors } = readSafetensors(paramsFile);
  return exporter.export({ dir: runDir, bundle, arrays: tensors }, options.out);
}
