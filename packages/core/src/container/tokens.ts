import type { ServiceIdentifier } from 'inversify';
import type { Logger } from 'pino';
import type { Components } from '../plugin/components.js';
import type { Engine } from '../tensor/engine.js';

// Tokens of core's services. A contract's token shares its interface's name and holds that kind's
// descriptors (see plugin/component-tokens.ts); a service's token is `<Service>Token`.

/** The engine of a container: its selected backend, scopes and tape (made on first use). */
export const EngineToken: ServiceIdentifier<Engine> = Symbol.for('hyperspec.Engine');

/** The logger (pino): JSON lines. A run binds its own in its child container. */
export const LoggerToken: ServiceIdentifier<Logger> = Symbol.for('hyperspec.Logger');

/** Makes components by kind and spec node: the one way to create one. */
export const ComponentsToken: ServiceIdentifier<Components> = Symbol.for('hyperspec.Components');
