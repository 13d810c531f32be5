import { Ajv, type ValidateFunction } from 'ajv';
import { HyperspecError } from '../errors/hyperspec-error.js';
import type { ComponentDescriptor, JsonSchema } from '../plugin/component-descriptor.js';
import { rootSpecSchema, SLOT_KEYWORD } from './root-schema.js';

/** Compiled validators of one container: the root schema, every descriptor's options, and value checks. */
export interface SpecValidators {
  /** The root spec schema (slots marked), as compiled. */
  readonly rootSchema: JsonSchema;
  /** Validates the root (fills defaults, leaves slots to `descriptor`). */
  readonly root: ValidateFunction;
  /** Validates one distribution of a search space (shape only). */
  readonly distribution: ValidateFunction;
  /** The options validator of a descriptor (fills defaults), compiled on first use. */
  descriptor(d: ComponentDescriptor): ValidateFunction;
  /** Validates (and fills) the keys every component of a slot shares, e.g. `validation_split` of datasets. */
  common(marker: JsonSchema): ValidateFunction;
  /** A validator for a part of a schema that never changes the data (for search-space values); undefined if it cannot compile alone. */
  value(schema: JsonSchema): ValidateFunction | undefined;
}

function newAjv(useDefaults: boolean): Ajv {
  // strict: false, because third-party plugin schemas may carry annotations ajv does not know.
  const ajv = new Ajv({ allErrors: true, useDefaults, verbose: true, strict: false, discriminator: true, addUsedSchema: false });
  ajv.addKeyword({ keyword: SLOT_KEYWORD, schemaType: 'string' });
  return ajv;
}

/** Compiles the root schema now and each descriptor's schema on first use; one ajv instance (plus one that never fills defaults) per container. */
export function createSpecValidators(): SpecValidators {
  const ajv = newAjv(true);
  const valueAjv = newAjv(false);
  const rootSchema = rootSpecSchema();
  const root = ajv.compile(rootSchema);
  const distribution = ajv.compile((rootSchema.definitions as Record<string, JsonSchema>).distribution);
  const descriptors = new Map<ComponentDescriptor, ValidateFunction>();
  const values = new WeakMap<object, ValidateFunction | null>();
  const commons = new WeakMap<object, ValidateFunction>();
  return {
    rootSchema,
    root,
    distribution,
    descriptor(d) {
      let v = descriptors.get(d);
      if (!v) {
        try {
          v = ajv.compile(d.schema);
        } catch (e) {
          throw new HyperspecError('plugin', `the options schema of ${d.kind} "${d.type}"${d.plugin ? ` (plugin ${d.plugin})` : ''} is not a valid JSON Schema: ${(e as Error).message}`, { cause: e });
        }
        descriptors.set(d, v);
      }
      return v;
    },
    common(marker) {
      let v = commons.get(marker);
      if (!v) {
        v = ajv.compile({ type: 'object', properties: marker.properties ?? {} });
        commons.set(marker, v);
      }
      return v;
    },
    value(schema) {
      let v = values.get(schema);
      if (v === undefined) {
        try {
          const { $id: _id, ...rest } = schema;
          v = valueAjv.compile(rest);
        } catch {
          v = null;
        }
        values.set(schema, v);
      }
      return v ?? undefined;
    },
  };
}
