import type { ComponentDescriptor, ComponentKind, JsonSchema } from '../plugin/component-descriptor.js';
import { describeAjvErrors, show, unknownKeyMessage } from './ajv-issues.js';
import { DEFAULT_TYPE_KEYWORD, nestedSlotsOf, SLOT_KEYWORD, slotKindOf } from './root-schema.js';
import { formatPath, isPlainObject, startsWithPath, type SpecPath } from './spec-path.js';
import { reportAll, type ValidationContext } from './validation-context.js';

/** Called for each slot found: returns the value to put in its place. */
export type SlotVisitor = (kind: ComponentKind, marker: JsonSchema, value: unknown, path: SpecPath) => unknown;

/**
 * Walks `data` along `schema` and calls `visit` for every slot present (root slots, list items that
 * are slots), replacing each by what `visit` returns. Parts of the data that do not fit the schema are
 * left alone: the schema validation reports them.
 */
export function walkSlots(schema: JsonSchema, data: unknown, path: SpecPath, visit: SlotVisitor): unknown {
  const kind = slotKindOf(schema);
  if (kind) return data === undefined ? data : visit(kind, schema, data, path);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties && isPlainObject(data)) {
    for (const key of Object.keys(properties)) {
      if (key in data) data[key] = walkSlots(properties[key], data[key], [...path, key], visit);
    }
  }
  const items = schema.items as JsonSchema | undefined;
  if (isPlainObject(items) && Array.isArray(data)) {
    data.forEach((item, i) => {
      data[i] = walkSlots(items, item, [...path, i], visit);
    });
  }
  return data;
}

/**
 * `sgd` → `{ type: sgd }`: the string shorthand of a component node; and a mapping without `type` in a
 * slot that implies one gets it (`train.early_stopping`).
 */
export function expandShorthand(value: unknown, marker?: JsonSchema): unknown {
  if (typeof value === 'string') return { type: value };
  const implied = marker?.[DEFAULT_TYPE_KEYWORD];
  if (typeof implied === 'string' && isPlainObject(value) && value.type === undefined) return { type: implied, ...value };
  return value;
}

/** Keys every component of a slot takes besides its own options (e.g. `validation_split` of datasets). */
function commonKeys(marker: JsonSchema, descriptor: ComponentDescriptor): string[] {
  const own = (descriptor.schema.properties ?? {}) as Record<string, unknown>;
  return Object.keys((marker.properties ?? {}) as Record<string, unknown>).filter((k) => !(k in own));
}

/**
 * The schema a slot's options are checked against, for walking paths into it: the descriptor's
 * schema plus the slot's common keys, with nested component lists marked as slots.
 */
export function effectiveSlotSchema(marker: JsonSchema, descriptor: ComponentDescriptor): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...((marker.properties ?? {}) as Record<string, JsonSchema>), ...((descriptor.schema.properties ?? {}) as Record<string, JsonSchema>) };
  for (const [key, kind] of Object.entries(nestedSlotsOf(descriptor.kind, descriptor.type))) {
    properties[key] = { ...(properties[key] ?? { type: 'array' }), items: { [SLOT_KEYWORD]: kind } };
  }
  return { ...descriptor.schema, properties };
}

/**
 * Validates one component node of `kind` at `path` against the schema of the descriptor its `type`
 * names (so only that component's problems are reported), fills its defaults and expands the string
 * shorthand. Returns the resolved node, or the value unchanged when it cannot be resolved.
 */
export function validateSlot(ctx: ValidationContext, kind: ComponentKind, marker: JsonSchema, value: unknown, path: SpecPath): unknown {
  const node = expandShorthand(value, marker);
  if (!isPlainObject(node)) {
    ctx.report(path, 'value', `must be a ${kind} name or a mapping { type: <${kind}>, ...options } (got ${show(value)})`);
    return value;
  }
  const type = node.type;
  if (type === undefined) {
    ctx.report(path, 'mapping', `missing required key "type" (the ${kind} to use: ${ctx.components.types(kind).join(', ') || `no ${kind} is registered`})`);
    return node;
  }
  if (typeof type !== 'string') {
    ctx.report([...path, 'type'], 'value', `must be string (got ${show(type)})`);
    return node;
  }
  if (!ctx.components.has(kind, type)) {
    const defaulted = !ctx.isWritten(path) ? `; "${type}" is the default ${kind}, so set ${formatPath(path)} to a registered one or load a plugin that provides "${type}"` : '';
    ctx.report([...path, 'type'], 'value', ctx.components.unknownMessage(kind, type) + defaulted);
    return node;
  }
  const descriptor = ctx.components.descriptor(kind, type);
  const { type: _type, ...options } = node;
  const common: Record<string, unknown> = {};
  const commonKeyList = commonKeys(marker, descriptor);
  for (const key of commonKeyList) {
    if (key in options) {
      common[key] = options[key];
      delete options[key];
    }
  }
  if (commonKeyList.length > 0) {
    const checkCommon = ctx.validators.common(marker);
    if (!checkCommon(common)) reportAll(ctx, path, describeAjvErrors(checkCommon.errors));
  }
  const nested = nestedSlotsOf(kind, type);
  for (const key of Object.keys(nested)) {
    if (Array.isArray(options[key])) options[key] = (options[key] as unknown[]).map((item) => expandShorthand(item));
  }
  const validate = ctx.validators.descriptor(descriptor);
  if (!validate(options)) {
    // Items of nested component lists are checked against their own descriptors below.
    const own = describeAjvErrors(validate.errors).filter((i) => !Object.keys(nested).some((key) => startsWithPath(i.path, [key]) && i.path.length > 1));
    // An unknown top-level key may be a misspelt common key: suggest from both sets.
    const allowed = [...Object.keys((descriptor.schema.properties ?? {}) as object), ...commonKeyList];
    reportAll(ctx, path, own.map((i) => (i.anchor === 'key' && i.path.length === 1 ? { ...i, message: unknownKeyMessage(String(i.path[0]), allowed) } : i)));
  }
  for (const [key, nestedKind] of Object.entries(nested)) {
    const list = options[key];
    if (Array.isArray(list)) options[key] = list.map((item, i) => validateSlot(ctx, nestedKind, { [SLOT_KEYWORD]: nestedKind }, item, [...path, key, i]));
  }
  return { type, ...options, ...common };
}
