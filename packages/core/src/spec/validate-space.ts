import type { JsonSchema } from '../plugin/component-descriptor.js';
import { parseSpecPath, getAtPath, isPlainObject, startsWithPath, type PathSegment } from './spec-path.js';
import { resolveTarget } from './space-target.js';
import { validateDistribution } from './validate-distribution.js';
import type { ValidationContext } from './validation-context.js';

/** Settings that configure the search itself, or are needed before validation, cannot be searched. */
const UNSEARCHABLE: Record<string, string> = {
  search: 'the search settings cannot themselves be searched',
  plugins: 'plugins cannot be searched: they are loaded before the spec is validated',
};

/**
 * Checks `search.space` of a resolved spec: each key must be a spec path that exists for the spec's
 * actual component types, and every value its distribution can produce must be valid there. Runs
 * after the root and component validation (so types and defaults are known); entries whose shape is
 * already reported are skipped.
 */
export function validateSearchSpace(ctx: ValidationContext, spec: Record<string, unknown>, rootSchema: JsonSchema): void {
  const space = getAtPath(spec, ['search', 'space']);
  if (!isPlainObject(space)) return;
  const seen: { key: string; path: PathSegment[] }[] = [];
  for (const key of Object.keys(space)) {
    const entry = ['search', 'space', key];
    const path = parseSpecPath(key);
    if (!path) {
      ctx.report(entry, 'key', `"${key}" is not a spec path; write keys and list indices like train.optimizer.learning_rate or model.layers[1].units`);
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(UNSEARCHABLE, String(path[0]))) {
      ctx.report(entry, 'key', UNSEARCHABLE[String(path[0])]);
      continue;
    }
    const clash = seen.find((s) => startsWithPath(path, s.path) || startsWithPath(s.path, path));
    if (clash) {
      const [outer, inner] = clash.path.length <= path.length ? [clash.key, key] : [key, clash.key];
      const message = clash.path.length === path.length
        ? `names the same setting as "${clash.key}"`
        : `"${inner}" lies inside "${outer}", which is searched as a whole; put its distribution inside the options of "${outer}"`;
      ctx.report(entry, 'key', message);
      continue;
    }
    seen.push({ key, path });
    if (ctx.hasIssueUnder(entry)) continue;
    const r = resolveTarget(ctx.components, { schema: rootSchema, data: spec }, path);
    if (!r.ok) {
      if (!('skip' in r)) ctx.report(entry, 'key', r.message);
      continue;
    }
    validateDistribution(ctx, space[key] as Record<string, unknown>, entry, r.target, path);
  }
}
