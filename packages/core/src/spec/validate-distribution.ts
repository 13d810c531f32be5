import type { ValidateFunction } from 'ajv';
import type { IntDistribution } from '../contracts/search-space.js';
import { intCount } from '../search/unit-encoding.js';
import { describeAjvErrors, type RawIssue } from './ajv-issues.js';
import { findNestedDistributions, withRepresentatives } from './nested-distributions.js';
import { walkSlots, validateSlot } from './slots.js';
import { resolveTarget, type SpaceTarget } from './space-target.js';
import { formatPath, type SpecPath } from './spec-path.js';
import { reportAll, skipping, type ValidationContext } from './validation-context.js';

/** Checking every value of an int range is cheap up to this many values; beyond it, the ends and the middle. */
const MAX_CHECKED_INTS = 1000;

/** `model.units must be >= 1 (got 0)`, or `model.units: missing required key ...`. */
function phrase(targetPath: SpecPath, issue: RawIssue): string {
  const label = formatPath([...targetPath, ...issue.path]);
  return issue.message.startsWith('must') ? `${label} ${issue.message}` : `${label}: ${issue.message}`;
}

function check(validate: ValidateFunction, value: unknown): RawIssue[] {
  return validate(structuredClone(value)) ? [] : describeAjvErrors(validate.errors);
}

/** A value strictly inside (low, high) that is not an integer, to see whether fractions are accepted. */
function fractionalInside(low: number, high: number): number {
  const mid = low + (high - low) / 2;
  return Number.isInteger(mid) ? mid + Math.min(0.5, (high - low) / 4) : mid;
}

function intGrid(d: IntDistribution): number[] {
  const count = intCount(d);
  const step = d.step ?? 1;
  if (count <= MAX_CHECKED_INTS) return Array.from({ length: count }, (_, k) => d.low + k * step);
  return [d.low, d.low + Math.floor(count / 2) * step, d.low + (count - 1) * step];
}

/** Checks a uniform / loguniform / int range against the schema of the value it sets. */
function validateRange(ctx: ValidationContext, d: Record<string, unknown>, at: SpecPath, target: SpaceTarget, targetPath: SpecPath): void {
  const label = formatPath(targetPath);
  if (target.kind === 'slot') {
    ctx.report([...at, 'type'], 'value', `${label} is a ${target.slotKind} node, so a ${String(d.type)} range cannot set it; search whole nodes with { type: choice, values: [{ type: ... }, ...] }`);
    return;
  }
  const low = d.low as number;
  const high = d.high as number;
  let bad = false;
  if (!(low < high)) {
    ctx.report([...at, 'low'], 'value', `low must be less than high (got low ${low}, high ${high})`);
    bad = true;
  }
  if ((d.type === 'loguniform' || d.log === true) && !(low > 0)) {
    const what = d.type === 'loguniform' ? 'loguniform' : 'int with log: true';
    ctx.report([...at, 'low'], 'value', `${what} needs low > 0 (got ${low}): a log scale cannot reach 0 or below`);
    bad = true;
  }
  const validate = ctx.validators.value(target.schema);
  if (bad || !validate) return;
  if (d.type !== 'int' && check(validate, fractionalInside(low, high)).some((i) => i.message.startsWith('must be integer'))) {
    ctx.report([...at, 'type'], 'value', `${label} is an integer option, but ${String(d.type)} gives fractional values; use { type: int, low: ${Math.ceil(low)}, high: ${Math.floor(high)} }`);
    return;
  }
  for (const end of ['low', 'high'] as const) {
    const issues = check(validate, d[end]);
    for (const issue of issues) ctx.report([...at, end], 'value', phrase(targetPath, issue));
    bad ||= issues.length > 0;
  }
  if (bad) return;
  if (d.type === 'int') {
    for (const v of intGrid(d as unknown as IntDistribution)) {
      const [issue] = check(validate, v);
      if (issue) {
        ctx.report(at, 'value', `${label} does not accept ${v}, which this range contains: ${issue.message}`);
        return;
      }
    }
    return;
  }
  const x = fractionalInside(low, high);
  const [issue] = check(validate, x);
  if (issue) ctx.report(at, 'value', `${label} does not accept ${x}, which this range contains: ${issue.message}`);
}

/**
 * Checks one option of a choice: as a component node of the target's kind when the target is a slot,
 * else against the target's schema; then every distribution nested in it, against the schema at its
 * place inside the option.
 */
function validateOption(ctx: ValidationContext, option: unknown, at: SpecPath, target: SpaceTarget, targetPath: SpecPath): void {
  const nested = findNestedDistributions(option);
  const inner = skipping(ctx, nested.map((n) => [...at, ...n.path]));
  let resolved = withRepresentatives(option);
  if (target.kind === 'slot') {
    resolved = validateSlot(inner, target.slotKind, target.schema, resolved, at);
  } else {
    const validate = ctx.validators.value(target.schema);
    if (validate) for (const issue of check(validate, resolved)) inner.report([...at, ...issue.path], issue.anchor, phrase(targetPath, issue));
    resolved = walkSlots(target.schema, resolved, at, (kind, marker, value, path) => validateSlot(inner, kind, marker, value, path));
  }
  for (const n of nested) {
    const where = [...at, ...n.path];
    const validate = ctx.validators.distribution;
    if (!validate(structuredClone(n.distribution))) {
      reportAll(ctx, where, describeAjvErrors(validate.errors));
      continue;
    }
    const r = resolveTarget(ctx.components, { schema: target.schema, data: resolved }, n.path, targetPath);
    if (!r.ok) {
      if (!('skip' in r)) ctx.report(where.slice(0, at.length + r.segment + 1), 'key', r.message);
      continue;
    }
    validateDistribution(ctx, n.distribution, where, r.target, [...targetPath, ...n.path]);
  }
}

/**
 * Checks that every value a (shape-valid) distribution can produce is valid at its target: ranges
 * within the schema's bounds and of the right kind of number, choice options valid (whole component
 * nodes as components of that kind, recursively). Problems point at the distribution's YAML (`at`).
 */
export function validateDistribution(ctx: ValidationContext, d: Record<string, unknown>, at: SpecPath, target: SpaceTarget, targetPath: SpecPath): void {
  if (d.type !== 'choice') {
    validateRange(ctx, d, at, target, targetPath);
    return;
  }
  (d.values as unknown[]).forEach((option, i) => validateOption(ctx, option, [...at, 'values', i], target, targetPath));
}
