import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { Components } from '../plugin/components.js';
import { describeAjvErrors, show } from './ajv-issues.js';
import type { ParsedSpec } from './parse-spec.js';
import type { ResolvedSpec } from './resolved-spec.js';
import { expandShorthand, validateSlot, walkSlots } from './slots.js';
import { SpecError } from './spec-issue.js';
import { getAtPath, isPlainObject } from './spec-path.js';
import { fillObjectives, validateObjectives } from './validate-objectives.js';
import { validateSearchSpace } from './validate-space.js';
import { createContext, IssueCollector, reportAll, type ValidationContext } from './validation-context.js';

/** A spec to validate: parsed from YAML (positions known), or plain data built in code. */
export type SpecInput = ParsedSpec | { data: unknown; file?: string; baseDir?: string };

function checkBackend(ctx: ValidationContext, spec: Record<string, unknown>): void {
  const backend = spec.backend;
  if (typeof backend === 'string' && backend.length > 0 && !ctx.components.has('backend', backend)) {
    ctx.report(['backend'], 'value', ctx.components.unknownMessage('backend', backend));
  }
}

/**
 * Every number in a spec must be finite: YAML's `.inf`, `.nan` and literals beyond float64 (`1e400`)
 * would slip through a schema's `integer` and `minimum`, and an infinite count never ends. Returns
 * true when something was reported.
 */
function reportNonFinite(ctx: ValidationContext, value: unknown, path: (string | number)[]): boolean {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return false;
    ctx.report(path, 'value', `must be a finite number (got ${value === Infinity ? '.inf, or a number too large for a double' : value === -Infinity ? '-.inf' : '.nan'})`);
    return true;
  }
  let found = false;
  if (Array.isArray(value)) value.forEach((v, i) => (found = reportNonFinite(ctx, v, [...path, i]) || found));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) found = reportNonFinite(ctx, v, [...path, k]) || found;
  return found;
}

/** A name derived from a file name, made a safe directory name (see the schema's `name`). */
function safeName(base: string): string {
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
  return cleaned || 'spec';
}

/** Defaults that depend on more than the schema: the name, absolute plugin paths, the objectives and their directions. */
function fillDerived(spec: Record<string, unknown>, input: SpecInput): void {
  if (spec.name === undefined) spec.name = input.file ? safeName(basename(input.file, extname(input.file))) : 'spec';
  const baseDir = input.baseDir;
  if (Array.isArray(spec.plugins) && baseDir) {
    // Absolute, so a resolved spec written into a run directory still finds its plugins.
    spec.plugins = spec.plugins.map((p: unknown) => (typeof p === 'string' && p.startsWith('.') ? resolve(baseDir, p) : p));
  }
  const search = getAtPath(spec, ['search']);
  if (isPlainObject(search)) fillObjectives(search);
}

/**
 * Validates a parsed spec against the root schema and, component by component, against the schema
 * of the descriptor each `type` names (so only the failing component is reported), then checks the
 * search space against the spec's actual components. Returns the resolved spec (a new object: every
 * default filled, shorthands expanded), or throws a SpecError listing every issue with its YAML position.
 */
export function validateSpec(input: SpecInput, components: Components): ResolvedSpec {
  const source = 'doc' in input ? input : undefined;
  const collector = new IssueCollector(source);
  const validators = components.validators;
  const ctx = createContext(components, validators, collector, source);
  const spec = structuredClone(input.data);
  if (!isPlainObject(spec)) {
    ctx.report([], 'value', spec == null ? 'the spec is empty; it needs at least data, model and loss' : `the spec must be a mapping of keys (got ${show(spec)})`);
    throw new SpecError(collector.sorted());
  }
  if (reportNonFinite(ctx, spec, [])) throw new SpecError(collector.sorted());
  const root = validators.rootSchema;
  // Shorthands first, so the root schema fills the common keys of `loss: cross_entropy` style nodes too.
  walkSlots(root, spec, [], (_kind, marker, value) => expandShorthand(value, marker));
  if (!validators.root(spec)) reportAll(ctx, [], describeAjvErrors(validators.root.errors));
  walkSlots(root, spec, [], (kind, marker, value, path) => validateSlot(ctx, kind, marker, value, path));
  checkBackend(ctx, spec);
  validateSearchSpace(ctx, spec, root);
  validateObjectives(ctx, spec);
  if (collector.entries.length > 0) throw new SpecError(collector.sorted());
  fillDerived(spec, input);
  return spec as unknown as ResolvedSpec;
}
