import type { ServiceIdentifier } from 'inversify';
import type { Engine } from '../tensor/engine.js';

/** The engine of a container: its selected backend, scopes and tape. */
export const EngineToken: ServiceIdentifier<Engine> = Symbol.for('hyperspec.Engine');
