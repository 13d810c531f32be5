import 'reflect-metadata';
import { Container, type ContainerModule } from 'inversify';
import { HyperspecError } from '../errors/hyperspec-error.js';
import type { Backend } from '../tensor/backend.js';
import { Engine } from '../tensor/engine.js';
import { ComponentDescriptor } from '../plugin/component-descriptor.js';
import { ComponentRegistry, ComponentRegistryToken } from '../plugin/component-registry.js';
import { coreModule } from './core-module.js';
import { defaultLogger, Logger } from './logger.js';
import { EngineToken } from './tokens.js';

export interface ContainerOptions {
  /** A logger to use instead of the default (JSON lines on stderr). */
  logger?: Logger;
  /** Name of the backend to use (`cpu`, ...); default: the registered one with the highest priority that starts. */
  backend?: string;
}

/**
 * The composition root: loads core's services and the given plugin modules into a fresh container.
 * Nothing is registered globally, so every call (every test) starts clean.
 */
export function createContainer(plugins: readonly ContainerModule[], options: ContainerOptions = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(Logger).toConstantValue(options.logger ?? defaultLogger());
  container.load(coreModule, ...plugins);
  container
    .bind(ComponentRegistryToken)
    .toResolvedValue((descriptors: ComponentDescriptor[]) => new ComponentRegistry(descriptors), [{ serviceIdentifier: ComponentDescriptor, isMultiple: true, optional: true }] as never);
  container.bind(EngineToken).toResolvedValue(
    (registry: ComponentRegistry, logger: Logger) => new Engine(selectBackend(registry, logger, options.backend)),
    [ComponentRegistryToken, Logger],
  );
  return container;
}

/** Tries backends by priority; one that fails to start is skipped with a logged reason. */
function selectBackend(registry: ComponentRegistry, logger: Logger, wanted?: string): Backend {
  const candidates = wanted
    ? [registry.get<Backend>('backend', wanted)]
    : registry.list('backend').sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
  if (!candidates.length) {
    throw new HyperspecError('plugin', 'no tensor backend is registered', { hint: 'load @hyperspec/backend-cpu (the default bundle in the "hyperspec" package does)' });
  }
  const reasons: string[] = [];
  for (const d of candidates) {
    try {
      return d.create({}, { path: 'backend', registry, logger }) as Backend;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      reasons.push(`${d.type}: ${reason}`);
      logger.warn({ backend: d.type, reason }, `backend ${d.type} could not start; trying the next one`);
    }
  }
  throw new HyperspecError('plugin', `no backend could start (${reasons.join('; ')})`);
}
