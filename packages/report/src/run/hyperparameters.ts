import type { Spec } from './load-run.js';

export type HyperparameterGroup = 'training' | 'architecture' | 'regularization' | 'data' | 'other';

/** Where a value came from: the spec's author, a default, or the search (a trial's sampled value). */
export type Source = 'set' | 'default' | 'searched';

export interface Hyperparameter {
  path: string;
  value: unknown;
  group: HyperparameterGroup;
  source: Source;
}

/** Keys that say where and what a run is rather than how it learns. */
const NOT_HYPERPARAMETERS = new Set(['name', 'output_dir', 'search', 'plugins']);

/**
 * Every leaf of a spec as `path → value`: objects by key (`train.optimizer.learning_rate`), arrays of
 * objects by index (`regularization[0].rate`); an array of plain values is one leaf.
 */
export function flattenSpec(node: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(node)) {
    if (node.every((v) => v === null || typeof v !== 'object')) out.set(prefix, node);
    else node.forEach((v, i) => flattenSpec(v, `${prefix}[${i}]`, out));
  } else if (node !== null && typeof node === 'object') {
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, node);
    for (const [k, v] of entries) flattenSpec(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, node);
  return out;
}

function groupOf(path: string): HyperparameterGroup {
  const head = path.split(/[.[]/)[0];
  if (head === 'train' || head === 'loss' || head === 'metrics' || head === 'seed') return 'training';
  if (head === 'model') return 'architecture';
  if (head === 'regularization') return 'regularization';
  if (head === 'data') return 'data';
  return 'other';
}

/** True when `path` is `root` or lies under it. */
function under(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`);
}

/**
 * The resolved spec's values grouped (training, architecture, regularization, data), each marked with
 * its source: `searched` under a search-space path, `set` where the written spec has the path (or a
 * plain-value array containing it), `default` otherwise — a value the component's schema filled in.
 */
export function hyperparameters(resolved: Spec, written: Spec | undefined, searched: readonly string[] = []): Hyperparameter[] {
  const writtenPaths = written ? [...flattenSpec(written).keys()] : [];
  const out: Hyperparameter[] = [];
  for (const [path, value] of flattenSpec(resolved)) {
    if (NOT_HYPERPARAMETERS.has(path.split(/[.[]/)[0])) continue;
    let source: Source = 'default';
    if (searched.some((root) => under(path, root))) source = 'searched';
    else if (!written || writtenPaths.some((w) => w === path || under(path, w))) source = 'set';
    out.push({ path, value, group: groupOf(path), source });
  }
  return out;
}
