/**
 * The PyTorch configurations the engine bench measures side by side. A user picks PyTorch's fastest
 * setting for their machine, so every table shows all three and takes ratios against the fastest one
 * per workload ("PyTorch best"): on 2 shared cores OpenMP's default wait policy spins between parallel
 * regions and can starve the other thread's work, which PASSIVE (sleep while waiting) or one thread avoid.
 */
export interface PytorchConfig {
  /** The system's name in tables and in bench/results/*.json. */
  name: 'pytorch-1t' | 'pytorch-2t-passive' | 'pytorch-2t';
  threads: number;
  /** OMP_WAIT_POLICY for the child process (read by OpenMP when torch loads); unset means OpenMP's default. */
  ompWaitPolicy?: 'PASSIVE';
}

export const PYTORCH_CONFIGS: readonly PytorchConfig[] = [
  { name: 'pytorch-1t', threads: 1 },
  { name: 'pytorch-2t-passive', threads: 2, ompWaitPolicy: 'PASSIVE' },
  { name: 'pytorch-2t', threads: 2 },
];

/**
 * The child's environment for one configuration: threads and wait policy set, nothing inherited for
 * them. torch.set_num_threads sizes torch's OpenMP pool only; a pthread build of OpenBLAS (Debian's
 * default libblas.so.3) keeps its own pool of one thread per core, so OPENBLAS_NUM_THREADS is set to
 * the same count: "1 thread" means one for torch and one for its BLAS.
 */
export function configEnv(base: NodeJS.ProcessEnv, config: PytorchConfig): NodeJS.ProcessEnv {
  const threads = String(config.threads);
  const env: NodeJS.ProcessEnv = { ...base, HYPERSPEC_BENCH_TORCH_THREADS: threads, OPENBLAS_NUM_THREADS: threads };
  delete env.OMP_WAIT_POLICY;
  delete env.OMP_NUM_THREADS;
  if (config.ompWaitPolicy) env.OMP_WAIT_POLICY = config.ompWaitPolicy;
  return env;
}

/** True for the PyTorch rows (they share one "PyTorch best" baseline). */
export const isPytorch = (name: string): boolean => name.startsWith('pytorch-');
