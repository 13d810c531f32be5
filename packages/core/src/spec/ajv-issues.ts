import type { ErrorObject } from 'ajv';
import { nearest } from '../util/nearest.js';
import type { Anchor } from './yaml-source.js';
import type { PathSegment } from './spec-path.js';

/** An issue relative to the validated value: its path, what part of the node to point at, the message. */
export interface RawIssue {
  path: PathSegment[];
  anchor: Anchor;
  message: string;
}

/** How a value reads in a message: strings quoted, structures by their YAML name. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 37) + '...' : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

const TYPE_WORDS: Record<string, string> = { object: 'a mapping', array: 'a list' };

function typeWords(type: unknown): string {
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function listValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

/** `must be one of: a, b (got "c") — did you mean "a"?` */
export function enumMessage(allowed: readonly unknown[], got: unknown): string {
  const strings = allowed.filter((v): v is string => typeof v === 'string');
  const guess = typeof got === 'string' ? nearest(got, strings) : undefined;
  return `must be one of: ${listValues(allowed)} (got ${show(got)})${guess ? ` — did you mean "${guess}"?` : ''}`;
}

/** `unknown key "epoch" — did you mean "epochs"?`, or the allowed keys when none is close. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const guess = nearest(key, allowed);
  if (guess) return `unknown key "${key}" — did you mean "${guess}"?`;
  return `unknown key "${key}" (${allowed.length ? `allowed: ${allowed.join(', ')}` : 'no options are allowed here'})`;
}

const TYPE_MESSAGE = /^must be (integer|number|string|boolean|null|a mapping|a list)( or (integer|number|string|boolean|null|a mapping|a list))* \(got /;

function isTypeMessage(message: string): boolean {
  return TYPE_MESSAGE.test(message);
}

/** JSON pointer → path segments (digit-only segments are list indices). */
export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer + '/');
}

function isChildOf(e: ErrorObject, c: ErrorObject): boolean {
  return e !== c && e.schemaPath.startsWith(c.schemaPath + '/') && within(e.instancePath, c.instancePath);
}

const COMPOSITE = new Set(['oneOf', 'anyOf']);

/**
 * Reduces a union's failure to what the user needs: the errors of the alternative whose type
 * matched (so only the failing branch is reported), or one "must be X or Y" when none did.
 */
function resolveComposite(c: ErrorObject, children: ErrorObject[]): (ErrorObject | RawIssue)[] {
  const path = pointerToPath(c.instancePath);
  const passing = (c.params as { passingSchemas?: unknown }).passingSchemas;
  if (c.keyword === 'oneOf' && Array.isArray(passing)) {
    return [{ path, anchor: 'value', message: `matches more than one of its alternatives (${passing.join(' and ')}); make it unambiguous` }];
  }
  const branches = new Map<number, ErrorObject[]>();
  for (const e of children) {
    const index = Number(e.schemaPath.slice(c.schemaPath.length + 1).split('/')[0]);
    branches.set(index, [...(branches.get(index) ?? []), e]);
  }
  const groups = [...branches.values()];
  if (groups.length > 0 && groups.every((g) => g.every((e) => e.keyword === 'required' && e.instancePath === c.instancePath))) {
    const keys = groups.flatMap((g) => g.map((e) => `"${(e.params as { missingProperty: string }).missingProperty}"`));
    return [{ path, anchor: 'mapping', message: `needs at least one of ${keys.join(', ')}` }];
  }
  const mismatch = (e: ErrorObject) => e.instancePath === c.instancePath && (e.keyword === 'type' || e.keyword === 'enum' || e.keyword === 'const');
  const matched = groups.filter((g) => !g.some(mismatch)).sort((a, b) => a.length - b.length);
  if (matched.length > 0) return condense(matched[0]);
  const expected: string[] = [];
  for (const g of groups) {
    for (const e of g.filter(mismatch)) {
      if (e.keyword === 'type') expected.push(typeWords((e.params as { type: unknown }).type));
      else if (e.keyword === 'const') expected.push(show((e.params as { allowedValue: unknown }).allowedValue));
      else expected.push(`one of ${listValues((e.params as { allowedValues: unknown[] }).allowedValues)}`);
    }
  }
  return [{ path, anchor: 'value', message: `must be ${[...new Set(expected)].join(' or ')} (got ${show(c.data)})` }];
}

/** Replaces every failed union by the errors that matter, recursively. */
function condense(errors: ErrorObject[]): (ErrorObject | RawIssue)[] {
  const composites = errors.filter((e) => COMPOSITE.has(e.keyword));
  const out: (ErrorObject | RawIssue)[] = [];
  for (const e of errors) {
    if (composites.some((c) => isChildOf(e, c))) continue;
    if (COMPOSITE.has(e.keyword)) out.push(...resolveComposite(e, errors.filter((x) => isChildOf(x, e))));
    else out.push(e);
  }
  return out;
}

function discriminatorIssue(e: ErrorObject, path: PathSegment[]): RawIssue {
  const params = e.params as { error: string; tag: string; tagValue?: unknown };
  if (params.error !== 'mapping') {
    const tagValue = (e.data as Record<string, unknown> | null)?.[params.tag];
    if (tagValue === undefined) return { path, anchor: 'mapping', message: `missing required key "${params.tag}"` };
    return { path: [...path, params.tag], anchor: 'value', message: `must be string (got ${show(tagValue)})` };
  }
  const branches = ((e.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown; enum?: unknown[] }> }[] }).oneOf ?? []);
  const allowed = branches.flatMap((b) => {
    const p = b.properties?.[params.tag];
    return p?.const !== undefined ? [p.const] : p?.enum ?? [];
  });
  const names = allowed.filter((a): a is string => typeof a === 'string');
  const guess = typeof params.tagValue === 'string' ? nearest(params.tagValue, names) : undefined;
  return {
    path: [...path, params.tag],
    anchor: 'value',
    message: `unknown ${params.tag} ${show(params.tagValue)}${guess ? ` — did you mean "${guess}"?` : ''} (allowed: ${listValues(allowed)})`,
  };
}

/** Patterns of the root schema, said in words. */
const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '^(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]*$':
    "a plain name (it names a directory): letters, digits, '.', '_' and '-', starting with a letter or digit, without '..'",
};

/** The message of one ajv error, worded for a YAML user and naming the value found. */
function describe(e: ErrorObject): RawIssue {
  const path = pointerToPath(e.instancePath);
  const got = show(e.data);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path, anchor: 'mapping', message: `missing required key "${p.missingProperty as string}"` };
    case 'additionalProperties': {
      const key = p.additionalProperty as string;
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      return { path: [...path, key], anchor: 'key', message: unknownKeyMessage(key, allowed) };
    }
    case 'discriminator':
      return discriminatorIssue(e, path);
    case 'type':
      return { path, anchor: 'value', message: `must be ${typeWords(p.type)} (got ${got})` };
    case 'enum':
      return { path, anchor: 'value', message: enumMessage(p.allowedValues as unknown[], e.data) };
    case 'const':
      return { path, anchor: 'value', message: `must be ${show(p.allowedValue)} (got ${got})` };
    case 'minItems':
    case 'maxItems': {
      const n = p.limit as number;
      const length = Array.isArray(e.data) ? e.data.length : 0;
      return { path, anchor: 'value', message: `must have ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${n} item${n === 1 ? '' : 's'} (got ${length})` };
    }
    case 'minLength':
      return { path, anchor: 'value', message: p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit as number} characters long (got ${got})` };
    case 'maxLength':
      return { path, anchor: 'value', message: `must be at most ${p.limit as number} characters long (got ${got})` };
    case 'minProperties':
    case 'maxProperties': {
      const n = p.limit as number;
      return { path, anchor: 'mapping', message: `must have ${e.keyword === 'minProperties' ? 'at least' : 'at most'} ${n} entr${n === 1 ? 'y' : 'ies'}` };
    }
    case 'multipleOf':
      return { path, anchor: 'value', message: `must be a multiple of ${p.multipleOf as number} (got ${got})` };
    case 'pattern': {
      const words = PATTERN_WORDS[p.pattern as string];
      return { path, anchor: 'value', message: `${words ? `must be ${words}` : `must match the pattern ${p.pattern as string}`} (got ${got})` };
    }
    case 'uniqueItems':
      return { path, anchor: 'value', message: `must not repeat items (items ${p.j as number} and ${p.i as number} are equal)` };
    default: {
      const scalar = e.data === null || typeof e.data !== 'object';
      return { path, anchor: 'value', message: `${e.message ?? 'is invalid'}${scalar ? ` (got ${got})` : ''}` };
    }
  }
}

/**
 * Turns ajv's errors (compiled with `verbose`, `allErrors`) into issues, one per problem: a failed
 * union reports only the alternative that matched the value's type, duplicates are dropped.
 */
export function describeAjvErrors(errors: readonly ErrorObject[] | null | undefined): RawIssue[] {
  const issues = condense([...(errors ?? [])]).map((e) => ('keyword' in e ? describe(e) : e));
  // A value of the wrong type breaks its bounds too; the type is the problem to report.
  const wrongType = new Set(issues.filter((i) => isTypeMessage(i.message)).map((i) => JSON.stringify(i.path)));
  const seen = new Set<string>();
  return issues.filter((i) => {
    if (wrongType.has(JSON.stringify(i.path)) && i.anchor === 'value' && !isTypeMessage(i.message)) return false;
    const key = JSON.stringify([i.path, i.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
