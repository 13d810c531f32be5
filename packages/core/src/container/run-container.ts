import { Container } from 'inversify';
import { Components } from '../plugin/components.js';
import type { Logger } from './logger.js';
import { ComponentsToken, LoggerToken } from './tokens.js';

/**
 * One run = one child container: it inherits the plugins and the engine from `parent` and holds the
 * run's own logger, so every component the run builds logs to the run. A search trial gets its own.
 */
export function createRunContainer(parent: Container, logger?: Logger): Container {
  const run = new Container({ parent, defaultScope: 'Singleton' });
  if (logger) run.bind(LoggerToken).toConstantValue(logger);
  run.bind(ComponentsToken).toDynamicValue(() => new Components(run));
  return run;
}
