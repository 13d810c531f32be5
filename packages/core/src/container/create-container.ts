import 'reflect-metadata';
import { Container, type ContainerModule } from 'inversify';
import { HyperspecError } from '../errors/hyperspec-error.js';
import type { Backend } from '../tensor/backend.js';
import { Engine } from '../tensor/engine.js';
import { Components } from '../plugin/components.js';
import { coreModule } from './core-module.js';
import { defaultLogger, type Logger } from './logger.js';
import { ComponentsToken, EngineToken, LoggerToken } from './tokens.js';

export interface ContainerOptions {
  /** A logger to use instead of the default (JSON lines on stderr). */
  logger?: Logger;
  /** Name of the backend to use (`cpu`, ...); default: the registered one with the highest priority that starts. */
  backend?: string;
}

/**
 * The composition root: loads core's services and the given plugin modules into a fresh container.
 * Nothing is registered globally, so every call (every test) starts clean. Components (`ComponentsToken`)
 * are resolved from the descriptors the plugins bound; the engine is made on first use.
 */
export function createContainer(plugins: readonly ContainerModule[], options: ContainerOptions = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(LoggerToken).toConstantValue(options.logger ?? defaultLogger());
  container.load(coreModule, ...plugins);
  container.bind(ComponentsToken).toDynamicValue(() => new Components(container));
  container.bind(EngineToken).toResolvedValue(
    (components: Components, logger: Logger) => new Engine(selectBackend(components, logger, options.backend)),
    [ComponentsToken, LoggerToken],
  );
  return container;
}

/** Tries backends by priority; one that fails to start is skipped with a logged reason. */
function selectBackend(components: Components, logger: Logger, wanted?: string): Backend {
  const candidates = wanted
    ? [components.descriptor<Backend>('backend', wanted)]
    : components.list('backend').sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
  if (!candidates.length) {
    throw new HyperspecError('plugin', 'no tensor backend is registered', { hint: 'load @hyperspec/backend-cpu (the default bundle in the "hyperspec" package does)' });
  }
  const reasons: string[] = [];
  for (const d of candidates) {
    try {
      return d.create({}, components.context('backend', { engine: undefined })) as Backend;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      reasons.push(`${d.type}: ${reason}`);
      logger.warn({ backend: d.type, reason }, `backend ${d.type} could not start; trying the next one`);
    }
  }
  throw new HyperspecError('plugin', `no backend could start (${reasons.join('; ')})`);
}
