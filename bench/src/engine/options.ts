/** Command-line options of the engine bench. */
export interface BenchOptions {
  smoke: boolean;
  runs: number;
  workloads: Set<'sgemm' | 'mlp' | 'cnn' | 'alloc'>;
  /** Only systems whose name contains one of these (all when empty). */
  systems: string[];
  /** Each JavaScript measurement in a fresh Node process (default); `--in-process` runs them all here. */
  isolate: boolean;
  /** Where the JSON results go (default bench/results/engine-<time>.json). */
  out?: string;
}

const USAGE = `usage: node bench/dist/engine/run.js [--smoke] [--runs N] [--only sgemm,mlp,cnn,alloc] [--systems wasm,tfjs-cpu,...] [--in-process] [--out file.json]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { smoke: false, runs: 0, workloads: new Set(['sgemm', 'mlp', 'cnn', 'alloc']), systems: [], isolate: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--') continue; // pnpm passes the separator through
    if (arg === '--smoke') options.smoke = true;
    else if (arg === '--runs') options.runs = Number(value());
    else if (arg === '--only') options.workloads = new Set(value().split(',') as ('sgemm' | 'mlp' | 'cnn' | 'alloc')[]);
    else if (arg === '--systems') options.systems = value().split(',');
    else if (arg === '--in-process') options.isolate = false;
    else if (arg === '--out') options.out = value();
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (!options.runs) options.runs = options.smoke ? 1 : 3;
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error(`--runs must be a positive integer\n${USAGE}`);
  return options;
}
