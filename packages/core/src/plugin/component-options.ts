import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { HyperspecError } from '../errors/hyperspec-error.js';
import type { ComponentDescriptor, ComponentKind } from './component-descriptor.js';
import type { ComponentRegistry } from './component-registry.js';

const compiled = new WeakMap<object, ValidateFunction>();
let ajv: Ajv | undefined;

function validatorFor(descriptor: ComponentDescriptor): ValidateFunction {
  let v = compiled.get(descriptor.schema);
  if (!v) {
    ajv ??= new Ajv({ allErrors: true, useDefaults: true, strict: false, addUsedSchema: false });
    v = ajv.compile(descriptor.schema);
    compiled.set(descriptor.schema, v);
  }
  return v;
}

/** A component node as written in a spec or in code: a type name, or `{ type, ...options }`. */
export type ComponentSpec = string | { type: string; [option: string]: unknown };

/**
 * Looks up the descriptor for a component node and validates its options (defaults filled). Used by
 * the programmatic path; YAML specs get the same checks, with file positions, from the spec loader.
 */
export function resolveComponent<T>(registry: ComponentRegistry, kind: ComponentKind, spec: ComponentSpec, path: string): { descriptor: ComponentDescriptor<T>; options: Record<string, unknown> } {
  const node = typeof spec === 'string' ? { type: spec } : spec;
  if (!node || typeof node.type !== 'string') {
    throw new HyperspecError('spec', `a ${kind} needs a "type"`, { location: { path } });
  }
  const descriptor = registry.get<T>(kind, node.type, { path: `${path}.type` });
  const { type: _type, ...options } = node;
  const validate = validatorFor(descriptor as ComponentDescriptor);
  if (!validate(options)) {
    const messages = (validate.errors ?? []).map((e) => describeAjvError(e));
    throw new HyperspecError('spec', `invalid options for ${kind} "${node.type}": ${messages.join('; ')}`, { location: { path } });
  }
  return { descriptor, options };
}

function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '';
  if (e.keyword === 'additionalProperties') return `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'required') return `missing required key "${(e.params as { missingProperty: string }).missingProperty}"`;
  return `${where ? where + ' ' : ''}${e.message ?? 'is invalid'}`;
}
