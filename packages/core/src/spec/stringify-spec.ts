import { stringify } from 'yaml';
import { atomicWriteFile } from '../util/atomic-write.js';
import { rootSpecSchema } from './root-schema.js';
import { isPlainObject } from './spec-path.js';

/** Root keys in the order the schema lists them (name, seed, ..., data, model, ..., search). */
function rootOrder(): string[] {
  return Object.keys((rootSpecSchema().properties ?? {}) as object);
}

/** Sorts mapping keys at every level: `type` first, then alphabetical. */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  keys.sort((a, b) => (a === 'type' ? -1 : b === 'type' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, ordered(value[k])]));
}

/**
 * YAML text of a spec with a stable key order, so equal specs give equal files: root keys in schema
 * order, `type` first and the rest alphabetical below — except `search.space`, kept as written, since
 * its order (nested options included) is the order searchers see the parameters in.
 */
export function stringifySpec(spec: object): string {
  const record = spec as Record<string, unknown>;
  const order = rootOrder();
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === 'search' && isPlainObject(record.search)) {
      const { space, ...rest } = record.search;
      const search = ordered(rest) as Record<string, unknown>;
      if (space !== undefined) search.space = space;
      out.search = search;
    } else {
      out[k] = ordered(record[k]);
    }
  }
  return stringify(out, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Writes a resolved spec as YAML, atomically (complete or absent). */
export function writeResolvedSpec(spec: object, path: string): void {
  atomicWriteFile(path, stringifySpec(spec));
}
