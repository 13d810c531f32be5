import { benchArgs, nameList, positiveInt, usageError } from '../bench-args.js';
import { HELD_OUT_SET } from './held-out-functions.js';
import { SEARCHERS } from './searchers.js';
import { DEVELOPMENT_SET } from './test-functions.js';
import { TUNING_SET } from './tuning-functions.js';

/** Command-line options of the single-objective search bench. */
export interface SearchBenchOptions {
  seeds: number;
  trials: number;
  /** Trial counts at which the best value is recorded (each at most `trials`). */
  budgets: number[];
  /** Only these functions (all when empty). */
  functions: string[];
  searchers: string[];
  optuna: boolean;
  /** History sizes at which a suggestion is timed (none with --no-timing). */
  timing: number[];
  /** Where the JSON results go; the docs are re-rendered only when absent (bench/results/search.json). */
  out?: string;
}

const USAGE = `usage: node bench/dist/search/run.js [--seeds 10] [--trials 50] [--budgets 25,50] [--functions A,B] [--searchers ${Object.keys(SEARCHERS).join(',')}] [--no-optuna] [--timing 100,200,500 | --no-timing] [--out file.json]`;

const positiveInts = (name: string, value: string): number[] =>
  value.split(',').map((v) => positiveInt(USAGE, name, v, 0));

export function parseOptions(argv: readonly string[]): SearchBenchOptions {
  const { values } = benchArgs(USAGE, {
    seeds: { type: 'string' },
    trials: { type: 'string' },
    budgets: { type: 'string' },
    functions: { type: 'string' },
    searchers: { type: 'string' },
    'no-optuna': { type: 'boolean' },
    timing: { type: 'string' },
    'no-timing': { type: 'boolean' },
    out: { type: 'string' },
  }, { argv: [...argv] });
  const trials = positiveInt(USAGE, 'trials', values.trials, 50);
  const budgets = positiveInts('budgets', values.budgets ?? String(trials));
  if (budgets.some((b) => b > trials)) usageError(USAGE, `--budgets: every budget must be at most --trials (${trials})`);
  const known = [...DEVELOPMENT_SET, ...TUNING_SET, ...HELD_OUT_SET].map((f) => f.name);
  const functions = nameList(USAGE, 'functions', 'function', values.functions, known, []);
  const searchers = nameList(USAGE, 'searchers', 'searcher', values.searchers, Object.keys(SEARCHERS));
  if (values['no-timing'] && values.timing !== undefined) usageError(USAGE, '--timing and --no-timing exclude each other');
  return {
    seeds: positiveInt(USAGE, 'seeds', values.seeds, 10),
    trials,
    budgets,
    functions,
    searchers,
    optuna: !values['no-optuna'],
    timing: values['no-timing'] ? [] : positiveInts('timing', values.timing ?? '100,200,500'),
    out: values.out,
  };
}
