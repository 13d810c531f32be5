import type { ComponentKind, JsonSchema } from '../plugin/component-descriptor.js';
import type { Components } from '../plugin/components.js';
import { nearest } from '../util/nearest.js';
import { slotKindOf } from './root-schema.js';
import { expandShorthand, effectiveSlotSchema } from './slots.js';
import { formatPath, isPlainObject, type PathSegment, type SpecPath } from './spec-path.js';

/** What a search-space path names: a whole component node, or a value with its schema. */
export type SpaceTarget =
  | { kind: 'slot'; slotKind: ComponentKind; schema: JsonSchema }
  | { kind: 'value'; schema: JsonSchema };

export type TargetResult =
  | { ok: true; target: SpaceTarget }
  /** `segment` is the index of the path segment the problem is at. */
  | { ok: false; message: string; segment: number }
  /** The path runs through a node that is already reported as invalid. */
  | { ok: false; skip: true };

function unionBranches(schema: JsonSchema): JsonSchema[] {
  return [...((schema.oneOf ?? []) as JsonSchema[]), ...((schema.anyOf ?? []) as JsonSchema[]), ...((schema.allOf ?? []) as JsonSchema[])];
}

function propertyKeys(schema: JsonSchema): string[] {
  const own = Object.keys((schema.properties ?? {}) as object);
  return [...new Set([...own, ...unionBranches(schema).flatMap(propertyKeys)])];
}

/** The schema of `seg` inside `schema` (through unions), or undefined. */
function childSchema(schema: JsonSchema, seg: PathSegment): JsonSchema | undefined {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties && Object.prototype.hasOwnProperty.call(properties, String(seg))) return properties[String(seg)];
  if (typeof seg === 'number' && isPlainObject(schema.items)) return schema.items;
  if (typeof seg === 'string' && isPlainObject(schema.additionalProperties)) return schema.additionalProperties;
  for (const branch of unionBranches(schema)) {
    const found = childSchema(branch, seg);
    if (found) return found;
  }
  return undefined;
}

/**
 * Follows a spec path through the schema, choosing each component's schema by the `type` the spec
 * actually has there — so `train.optimizer.learning_rate` exists when the chosen optimizer takes a
 * `learning_rate`, written in the spec or not. `start` is where the path begins (the root schema and
 * the resolved spec, or a choice option and its schema).
 */
export function resolveTarget(components: Components, start: { schema: JsonSchema; data: unknown }, path: SpecPath, base: SpecPath = []): TargetResult {
  let schema = start.schema;
  let data = start.data;
  let subject = formatPath(base) || 'the spec';
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const here = formatPath([...base, ...path.slice(0, i)]);
    const kind = slotKindOf(schema);
    let isSlot = false;
    if (kind) {
      const node = expandShorthand(data);
      if (node === undefined) return { ok: false, segment: i, message: `${here} is not set in the spec, so its options cannot be searched (its type decides which exist); set it, or search whole ${kind} nodes with a choice` };
      if (!isPlainObject(node) || typeof node.type !== 'string' || !components.has(kind, node.type)) return { ok: false, skip: true };
      if (seg === 'type') {
        return { ok: false, segment: i, message: `the type of ${here} cannot be searched on its own (the options differ by type); search whole nodes instead: ${here}: { type: choice, values: [{ type: ${node.type} }, ...] }` };
      }
      schema = effectiveSlotSchema(schema, components.descriptor(kind, node.type));
      subject = `${kind} "${node.type}"`;
      data = node;
      isSlot = true;
    }
    const next = childSchema(schema, seg);
    if (!next) {
      if (typeof seg === 'number') return { ok: false, segment: i, message: `${here} is not a list, so it has no item [${seg}]` };
      const keys = propertyKeys(schema);
      const guess = nearest(seg, keys);
      const what = isSlot ? 'option' : 'key';
      const tail = guess ? ` — did you mean "${guess}"?` : keys.length ? ` (${what}s: ${keys.join(', ')})` : '';
      return { ok: false, segment: i, message: `${subject} has no ${what} "${seg}"${tail}` };
    }
    if (typeof seg === 'number' && Array.isArray(data) && seg >= data.length) {
      return { ok: false, segment: i, message: `${here} has ${data.length} item${data.length === 1 ? '' : 's'}, so [${seg}] does not exist` };
    }
    if (typeof seg === 'number' && data === undefined && slotKindOf(next)) {
      return { ok: false, segment: i, message: `${here} is not set in the spec, so ${here}[${seg}] does not exist` };
    }
    schema = next;
    data = Array.isArray(data) && typeof seg === 'number' ? data[seg] : isPlainObject(data) ? data[String(seg)] : undefined;
    subject = formatPath([...base, ...path.slice(0, i + 1)]);
  }
  const kind = slotKindOf(schema);
  return { ok: true, target: kind ? { kind: 'slot', slotKind: kind, schema } : { kind: 'value', schema } };
}
