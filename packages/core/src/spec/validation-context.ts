import type { Components } from '../plugin/components.js';
import type { RawIssue } from './ajv-issues.js';
import type { SpecIssue } from './spec-issue.js';
import { startsWithPath, type SpecPath } from './spec-path.js';
import type { SpecValidators } from './spec-validators.js';
import { isWritten, locate, type Anchor, type SpecSource } from './yaml-source.js';

/** What every validation step shares: the components, compiled validators, and the issue list with source positions. */
export interface ValidationContext {
  readonly components: Components;
  readonly validators: SpecValidators;
  readonly source?: SpecSource;
  /** Records a problem at a spec path (located in the YAML when the path is there). */
  report(path: SpecPath, anchor: Anchor, message: string): void;
  /** Paths that already have a problem, so later steps can skip them. */
  hasIssueUnder(path: SpecPath): boolean;
  /** True when the path is written in the spec (false for defaults filled in). */
  isWritten(path: SpecPath): boolean;
}

/** Issues collected in order of discovery, each once. */
export class IssueCollector {
  readonly entries: { path: SpecPath; issue: SpecIssue }[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly source?: SpecSource) {}

  add(path: SpecPath, anchor: Anchor, message: string): void {
    const key = JSON.stringify([path.map(String), message]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.entries.push({ path: [...path], issue: { location: locate(this.source, path, anchor), message } });
  }

  hasIssueUnder(path: SpecPath): boolean {
    return this.entries.some((e) => startsWithPath(e.path, path));
  }

  /** Issues in file order (those without a position last), stable otherwise. */
  sorted(): SpecIssue[] {
    const rank = (i: SpecIssue) => (i.location.line ?? 1e9) * 1e5 + (i.location.col ?? 0);
    return this.entries.map((e) => e.issue).sort((a, b) => rank(a) - rank(b));
  }
}

export function createContext(components: Components, validators: SpecValidators, collector: IssueCollector, source?: SpecSource): ValidationContext {
  return {
    components,
    validators,
    source,
    report: (path, anchor, message) => collector.add(path, anchor, message),
    hasIssueUnder: (path) => collector.hasIssueUnder(path),
    isWritten: (path) => isWritten(source, path),
  };
}

/** A context whose reports under any of `skip` are dropped (their problems are reported elsewhere). */
export function skipping(ctx: ValidationContext, skip: readonly SpecPath[]): ValidationContext {
  return { ...ctx, report: (path, anchor, message) => (skip.some((s) => startsWithPath(path, s)) ? undefined : ctx.report(path, anchor, message)) };
}

/** Reports ajv-derived issues relative to `base`. */
export function reportAll(ctx: ValidationContext, base: SpecPath, issues: readonly RawIssue[]): void {
  for (const i of issues) ctx.report([...base, ...i.path], i.anchor, i.message);
}
