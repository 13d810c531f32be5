import type { Direction } from '../contracts/search-space.js';
import type { ComponentNode, RunSpec } from '../run/run-spec.js';

/** A distribution as written in `search.space` (a choice option may hold distributions of its own). */
export type SpecDistribution =
  | { type: 'uniform' | 'loguniform'; low: number; high: number; points?: number }
  | { type: 'int'; low: number; high: number; step?: number; log?: boolean }
  | { type: 'choice'; values: unknown[] };

/**
 * What a study optimises: a reported metric or a measured quantity (`parameters`, `epoch_seconds`, ...).
 * `at`: a trial is judged at its best epoch for the first objective (default) or its last epoch; every
 * objective and constraint is read at that one epoch.
 */
export type SearchObjective = { metric: string; direction: Direction; at?: 'best' | 'last' };

/** A limit a feasible trial meets: its metric at most `max` and/or at least `min`. */
export type SearchConstraint = { metric: string; max?: number; min?: number };

/** `search:` of a resolved spec: defaults filled, component nodes expanded. */
export type SearchSettings = {
  searcher: ComponentNode;
  trials?: number;
  timeout?: number;
  parallel: number;
  /** The first of `objectives` (the only one in a single-objective study). */
  objective: SearchObjective;
  /** Every objective, in the order written (filled from `objective` when only that was given). */
  objectives: SearchObjective[];
  constraints?: SearchConstraint[];
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
