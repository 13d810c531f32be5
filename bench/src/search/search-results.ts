import type { TpeOptions } from '@hyperspec/searcher-tpe';

/** One run of the search bench, as written to bench/results/search.json (per-seed final values, no traces). */
export interface SearchResults {
  /** The command that measured. */
  command: string;
  date: string;
  machine: { cpu: string; cores: number; node: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  seeds: number;
  budgets: number[];
  /** Function names per set, in table order (runs before the tuning set existed have none). */
  sets: { development: string[]; tuning?: string[]; heldOut: string[] };
  functions: Record<string, { dimensions: number; minimum: number }>;
  /** function → budget → system → best value found, one per seed (seeds 0 … seeds − 1). */
  best: Record<string, Record<string, Record<string, number[]>>>;
  /** Our searchers, as constructed (name → construction). */
  searchers: Record<string, string>;
  /** TPE_DEFAULTS of @hyperspec/searcher-tpe when the bench ran. */
  tpeDefaults: TpeOptions;
  optuna:
    | { version: string; python: string; samplers: Record<string, string>; tpe: Record<string, unknown>; seconds: Record<string, number>; checkedPoints: number }
    | { skipped: string };
  /** searcher → finished trials → median ms per suggestion (6-d Hartmann space). */
  timing: Record<string, Record<string, number>>;
}
