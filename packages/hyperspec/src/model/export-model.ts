import { join } from 'node:path';
import { ComponentsToken, HyperspecError, isHyperspecError, loadPlugin, type Exporter } from '@hyperspec/core';
import { readModelBundle } from '@hyperspec/core/bundle';
import { readSafetensors } from '@hyperspec/core/run';
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
  const components = container.get(ComponentsToken);
  if (!components.has('exporter', options.format)) {
    throw new HyperspecError('usage', `--format ${options.format}: ${components.unknownMessage('exporter', options.format)}`);
  }
  let exporter: Exporter;
  try {
    exporter = components.create<Exporter>('exporter', { type: options.format }, 'format');
  } catch (e) {
    if (isHyperspecError(e)) throw new HyperspecError('usage', `--format ${options.format}: ${e.message}`, { cause: e });
    throw e;
  }
  const paramsFile = join(runDir, bundle.parameters.file);
  const { tensors } = readSafetensors(paramsFile);
  return exporter.export({ dir: runDir, bundle, arrays: tensors }, options.out);
}
