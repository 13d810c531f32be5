import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ComponentKind, JsonSchema } from '../plugin/component-descriptor.js';

/**
 * The keyword that marks a component node ("slot") in the root schema: its value is the component
 * kind. The spec loader validates a slot against the descriptor its `type` names; the composed schema
 * replaces the marker with the union of every registered descriptor of that kind.
 */
export const SLOT_KEYWORD = 'hyperspecSlot';

/**
 * A slot may imply its component's type: `train.early_stopping: { patience: 3 }` is the
 * `early_stopping` callback without writing `type`.
 */
export const DEFAULT_TYPE_KEYWORD = 'hyperspecDefaultType';

/** Where the root schema lives: `schemas/spec.schema.json` inside this package (two folders up from src/spec and dist/spec). */
export function rootSchemaPath(): string {
  return fileURLToPath(new URL('../../schemas/spec.schema.json', import.meta.url));
}

/** A fresh copy of the root spec schema (slots still marked, no plugin schemas composed in). */
export function rootSpecSchema(): JsonSchema {
  return JSON.parse(readFileSync(rootSchemaPath(), 'utf8')) as JsonSchema;
}

/** The component kind a schema node stands for, when it is a slot. */
export function slotKindOf(schema: unknown): ComponentKind | undefined {
  return typeof schema === 'object' && schema !== null ? ((schema as Record<string, unknown>)[SLOT_KEYWORD] as ComponentKind | undefined) : undefined;
}

/**
 * Options of a component that hold further components. Only `sequential` models nest slots today: its
 * `layers` items are layers, each validated against its own descriptor (so an error names the layer).
 */
export const NESTED_SLOTS: Readonly<Record<string, Readonly<Record<string, ComponentKind>>>> = {
  'model/sequential': { layers: 'layer' },
};

/** The nested slot lists of a descriptor: option key → kind of its items. */
export function nestedSlotsOf(kind: ComponentKind, type: string): Readonly<Record<string, ComponentKind>> {
  return NESTED_SLOTS[`${kind}/${type}`] ?? {};
}
