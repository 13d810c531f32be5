import type { ComponentDescriptor, ComponentKind, JsonSchema } from '../plugin/component-descriptor.js';
import type { Components } from '../plugin/components.js';
import { DEFAULT_TYPE_KEYWORD, nestedSlotsOf, rootSpecSchema, SLOT_KEYWORD, slotKindOf } from './root-schema.js';
import { isPlainObject } from './spec-path.js';

const ref = (name: string) => `#/definitions/${name}`;

/** Deep copy of a descriptor schema with its document-local `$ref`s moved to where the schema now lives. */
function relocate(schema: unknown, base: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => relocate(s, base));
  if (!isPlainObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? base + v.slice(1) : relocate(v, base);
  }
  return out;
}

/** One branch of a slot union: `type` fixed to the descriptor's name, its options, nothing else. */
function branchOf(d: ComponentDescriptor, common: Record<string, JsonSchema>, name: string): JsonSchema {
  const { $id: _id, $schema: _schema, ...schema } = relocate(d.schema, ref(name)) as JsonSchema;
  const properties: Record<string, JsonSchema> = {
    type: { const: d.type, description: d.description },
    ...common,
    ...((schema.properties ?? {}) as Record<string, JsonSchema>),
  };
  for (const [key, kind] of Object.entries(nestedSlotsOf(d.kind, d.type))) {
    properties[key] = { ...(properties[key] ?? { type: 'array' }), items: { $ref: ref(kind) } };
  }
  return {
    ...schema,
    type: 'object',
    description: d.description + (d.plugin ? ` (plugin ${d.plugin})` : ''),
    properties,
    required: ['type', ...((schema.required ?? []) as string[])],
    additionalProperties: false,
  };
}

/** Every registered descriptor of a kind, discriminated by `type`; a name alone is accepted when no option is required. */
function unionOf(components: Components, kind: ComponentKind, common: Record<string, JsonSchema>, definitions: Record<string, JsonSchema>): JsonSchema {
  const descriptors = components.list(kind).sort((a, b) => a.type.localeCompare(b.type));
  if (descriptors.length === 0) return { description: `No ${kind} is registered: load a plugin that provides one.`, not: {} };
  for (const d of descriptors) definitions[`${kind}.${d.type}`] = branchOf(d, common, `${kind}.${d.type}`);
  const nodes: JsonSchema = {
    type: 'object',
    properties: { type: { type: 'string', description: `Which ${kind} to use.` } },
    required: ['type'],
    discriminator: { propertyName: 'type' },
    oneOf: descriptors.map((d) => ({ $ref: ref(`${kind}.${d.type}`) })),
  };
  const shorthand = descriptors.filter((d) => !((d.schema.required as unknown[] | undefined)?.length)).map((d) => d.type);
  if (shorthand.length === 0) return { description: `A ${kind}: { type: <name>, ...options }.`, ...nodes };
  return {
    description: `A ${kind}: { type: <name>, ...options }, or just the name when no option is needed.`,
    anyOf: [{ type: 'string', enum: shorthand, description: `Shorthand for { type: <name> }.` }, nodes],
  };
}

/**
 * Replaces each slot marker by a reference to its kind's union (keeping its description and default);
 * a slot that implies its type refers to that one component, `type` optional (collected in `implied`).
 */
function replaceSlots(schema: unknown, found: Map<ComponentKind, JsonSchema>, implied: Set<string>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => replaceSlots(s, found, implied));
  if (!isPlainObject(schema)) return schema;
  const kind = slotKindOf(schema);
  if (kind) {
    if (!found.has(kind) || isPlainObject(schema.properties)) found.set(kind, schema);
    const { [SLOT_KEYWORD]: _slot, [DEFAULT_TYPE_KEYWORD]: type, properties: _common, ...rest } = schema;
    if (typeof type !== 'string') return { ...rest, allOf: [{ $ref: ref(kind) }] };
    implied.add(`${kind}.${type}`);
    return { ...rest, allOf: [{ $ref: ref(`${kind}.${type}.implied`) }] };
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, replaceSlots(v, found, implied)]));
}

/**
 * The full JSON Schema of specs for this components: the root schema with every component node
 * replaced by the union of the registered descriptors of its kind (discriminated by `type`). It is
 * what `hyperspec schema` prints for editors; it validates with ajv (option `discriminator: true`).
 */
export function composeSpecSchema(components: Components): JsonSchema {
  const { $comment: _loaderNote, ...root } = rootSpecSchema();
  const markers = new Map<ComponentKind, JsonSchema>();
  const implied = new Set<string>();
  const composed = replaceSlots(root, markers, implied) as JsonSchema;
  const definitions: Record<string, JsonSchema> = { ...((composed.definitions ?? {}) as Record<string, JsonSchema>) };
  const kinds = new Set<ComponentKind>(markers.keys());
  for (const d of components.list()) for (const nested of Object.values(nestedSlotsOf(d.kind, d.type))) kinds.add(nested);
  for (const kind of [...kinds].sort()) {
    const common = ((markers.get(kind)?.properties ?? {}) as Record<string, JsonSchema>);
    definitions[kind] = unionOf(components, kind, common, definitions);
  }
  for (const name of implied) {
    const branch = definitions[name];
    definitions[`${name}.implied`] = branch
      ? { ...branch, required: ((branch.required ?? []) as string[]).filter((k) => k !== 'type') }
      : { description: `${name} is not registered: load the plugin that provides it.`, not: {} };
  }
  return { ...composed, definitions };
}
