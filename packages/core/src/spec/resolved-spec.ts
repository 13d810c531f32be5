import type { Direction } from '../contracts/search-space.js';
import type { ComponentNode, RunSpec } from '../run/run-spec.js';

/** A distribution as written in `search.space` (a choice option may hold distributions of its own). */
export type SpecDistribution =
  | { type: 'uniform' | 'loguniform'; low: number; high: number; points?: number }
  | { type: 'int'; low: number; high: number; step?: number; log?: boolean }
  | { type: 'choice'; values: unknown[] };

/** `search:` of a resolved spec: defaults filled, component nodes expanded. */
export type SearchSettings = {
  searcher: ComponentNode;
  trials?: number;
  timeout?: number;
  parallel: number;
  /** `at`: judge a trial by its best epoch's value (default) or its last epoch's. */
  objective: { metric: string; direction: Direction; at?: 'best' | 'last' };
  pruner?: ComponentNode;
  storage: ComponentNode;
  /** Spec paths → distributions, in the order written (the order searchers see the parameters in). */
  space: Record<string, SpecDistribution>;
};

/**
 * A validated spec: every default filled, shorthands expanded to `{ type }` nodes, `name` set,
 * relative plugin paths made absolute. A plain object, safe to serialise.
 */
export type ResolvedSpec = Omit<RunSpec, 'search' | 'plugins'> & { plugins: string[]; search?: SearchSettings };
