import { ComponentsToken, EngineToken, HyperspecError, isHyperspecError, loadPlugin, type Components, type ContainerOptions, type RunSpec } from '@hyperspec/core';
import { loadSpecFile, locateInSpec, validateSpec } from '@hyperspec/core/spec';
import type { Engine } from '@hyperspec/core/tensor';
import type { Container } from 'inversify';
import { createDefaultContainer } from './default-container.js';

export interface OpenSpecOptions {
  /** Extra plugins (names or paths relative to the current directory), as `--plugin` gives them. */
  plugins?: readonly string[];
  /** Backend to use instead of the spec's `backend` or the default. */
  backend?: string;
  logger?: ContainerOptions['logger'];
}

export interface OpenedSpec {
  file: string;
  baseDir: string;
  spec: RunSpec;
  container: Container;
  components: Components;
  /** The container's engine (its backend starts on first access). */
  readonly engine: Engine;
  /** Every plugin loaded besides the default bundle: the spec's `plugins:` and the extra ones. */
  plugins: { specifier: string; name: string; dir: string }[];
}

/**
 * Reads a spec file, loads the plugins it and the caller name, builds the container and validates the
 * whole spec (search space included) against the composed schema. Nothing runs before this succeeds.
 */
export async function openSpec(file: string, options: OpenSpecOptions = {}): Promise<OpenedSpec> {
  const parsed = await loadSpecFile(file);
  const specPlugins = parsed.plugins.map((p) => ({ specifier: p, base: parsed.baseDir }));
  const extra = (options.plugins ?? []).map((p) => ({ specifier: p, base: process.cwd() }));
  const loaded = [];
  for (const [i, { specifier, base }] of [...specPlugins, ...extra].entries()) {
    try {
      loaded.push({ specifier, ...(await loadPlugin(specifier, base)) });
    } catch (e) {
      // A plugin named in the spec is reported at its line in the YAML, like every other spec error.
      if (i >= specPlugins.length || !isHyperspecError(e)) throw e;
      throw new HyperspecError(e.kind, e.message, { location: locateInSpec(parsed, ['plugins', i]), hint: e.hint, cause: e });
    }
  }
  const root = parsed.data as { backend?: unknown } | null;
  const backendFromSpec = root && typeof root === 'object' && typeof root.backend === 'string' ? root.backend : undefined;
  const container = createDefaultContainer(loaded.map((l) => l.module), { backend: options.backend ?? backendFromSpec, logger: options.logger });
  const components = container.get(ComponentsToken);
  const spec = validateSpec(parsed, components) as unknown as RunSpec;
  return {
    file: parsed.file ?? file,
    baseDir: parsed.baseDir,
    spec,
    container,
    components,
    get engine() {
      return container.get(EngineToken);
    },
    plugins: loaded.map((l) => ({ specifier: l.specifier, name: l.name, dir: l.dir })),
  };
}
