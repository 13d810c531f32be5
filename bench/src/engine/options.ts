import { benchArgs, nameList, positiveInt } from '../bench-args.js';

/** Command-line options of the engine bench. */
export interface BenchOptions {
  smoke: boolean;
  runs: number;
  workloads: Set<Workload>;
  /** Only systems whose name contains one of these (all when empty). */
  systems: string[];
  /** Each JavaScript measurement in a fresh Node process (default); `--in-process` runs them all here. */
  isolate: boolean;
  /** Where the JSON results go (default bench/results/engine-<time>.json). */
  out?: string;
}

const USAGE = `usage: node bench/dist/engine/run.js [--smoke] [--runs N] [--only sgemm,mlp,cnn,alloc] [--systems wasm,tfjs-cpu,...] [--in-process] [--out file.json]`;

type Workload = 'sgemm' | 'mlp' | 'cnn' | 'alloc';
const WORKLOADS: Workload[] = ['sgemm', 'mlp', 'cnn', 'alloc'];

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = benchArgs(USAGE, {
    smoke: { type: 'boolean' },
    runs: { type: 'string' },
    only: { type: 'string' },
    systems: { type: 'string' },
    'in-process': { type: 'boolean' },
    out: { type: 'string' },
  }, { argv: [...argv] });
  const smoke = values.smoke ?? false;
  const workloads = nameList(USAGE, 'only', 'workload', values.only, WORKLOADS);
  return {
    smoke,
    // Five runs by default: PyTorch's two-thread configurations are bimodal on a shared 2-core host (W-CNN
    // 2.3 s or 4.0 s an epoch from one process to the next), and three runs were too few for the median to say
    // which mode a ratio compares against.
    runs: positiveInt(USAGE, 'runs', values.runs, smoke ? 1 : 5),
    workloads: new Set(workloads as Workload[]),
    systems: values.systems?.split(',') ?? [],
    isolate: !values['in-process'],
    out: values.out,
  };
}
