import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What `benchArgs` reads: node:util's parseArgs options (always strict; no `multiple`). */
type Options = NonNullable<ParseArgsConfig['options']>;

/** The values read: a boolean or string per option given, absent when not given. */
export type BenchValues<O extends Options> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

/**
 * The command line of a bench script, read by node:util's `parseArgs` (strict: an unknown option or a
 * missing value is refused). `--help` prints the usage and exits 0; a wrong command line prints what
 * is wrong and the usage and exits 1 (a usage error, no stack trace). The `--` pnpm passes through is dropped.
 */
export function benchArgs<const O extends Options>(usage: string, options: O, { argv = process.argv.slice(2), positionals = false } = {}): { values: BenchValues<O>; positionals: string[]; args: string[] } {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    const parsed = parseArgs({ args, options, allowPositionals: positionals, strict: true });
    return { values: parsed.values as BenchValues<O>, positionals: parsed.positionals, args };
  } catch (e) {
    return usageError(usage, (e as Error).message);
  }
}

/** Stops the script as a usage error: the message, then the usage, exit 1. */
export function usageError(usage: string, message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(1);
}

/** A positive integer option (or the fallback when it is absent); anything else is a usage error. */
export function positiveInt(usage: string, name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usageError(usage, `--${name} must be a positive integer (got ${JSON.stringify(value)})`);
  return n;
}

/**
 * A comma-separated list of names (`fallback` when the option is absent); a name outside `known` is a
 * usage error that lists the known ones. `what` names one item in the message ("unknown workload x").
 */
export function nameList(usage: string, name: string, what: string, value: string | undefined, known: readonly string[], fallback: readonly string[] = known): string[] {
  if (value === undefined) return [...fallback];
  const names = value.split(',').filter(Boolean);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) usageError(usage, `--${name}: unknown ${what} ${unknown.join(', ')} (expected some of ${known.join(', ')})`);
  return names;
}
