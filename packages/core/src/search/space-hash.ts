import { createHash } from 'node:crypto';
import type { SearchSpace } from '../contracts/search-space.js';

/** JSON with object keys sorted at every level, so equal spaces written in another key order agree. */
function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/**
 * A stable fingerprint of a search space (hex SHA-256 of its canonical JSON). A study stores it so a
 * resumed study can refuse a space that changed since its trials were made. Key order does not
 * matter; any change of a bound, step, point count, option or nested space does.
 */
export function hashSearchSpace(space: SearchSpace): string {
  return hashJson(space);
}

/** Hex SHA-256 of a value's canonical JSON (object keys sorted at every level). */
export function hashJson(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
