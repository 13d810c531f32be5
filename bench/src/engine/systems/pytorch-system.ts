import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mnistDir } from '../mnist.js';
import { configEnv, type PytorchConfig } from './pytorch-configs.js';
import { sgemmRepetitions, type EngineSystem, type TrainResult, type TrainWorkload } from '../workloads.js';

/** bench/engine_torch.py, from src/engine/systems or dist/engine/systems alike. */
const SCRIPT = fileURLToPath(new URL('../../../engine_torch.py', import.meta.url));

/**
 * Debian's python3-torch reaches BLAS through the libblas.so.3 alternative. The pthread build of
 * OpenBLAS starts its own threads beside torch's OpenMP threads and, on 2 shared cores, spins against
 * them (an MLP epoch ran 3–4× slower); the OpenMP build shares torch's thread pool, as MKL does in
 * the wheels from pytorch.org. When it is installed (libopenblas0-openmp), the bench loads it first.
 */
function torchEnv(): NodeJS.ProcessEnv {
  const openmp = '/usr/lib/x86_64-linux-gnu/openblas-openmp';
  if (!existsSync(`${openmp}/libblas.so.3`)) return process.env;
  return { ...process.env, LD_LIBRARY_PATH: [openmp, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
}

/** What the probe found: the interpreter with torch and the libraries it computes with, or why PyTorch is skipped. */
export type TorchProbe =
  | {
    python: string;
    version: string;
    /** torch's BLAS_INFO build setting ("generic": whatever libblas.so.3 points to). */
    blas: string;
    /** torch's "CPU capability usage" (the vector ISA of its own ATen kernels). */
    cpuCapability?: string;
    /** The BLAS shared libraries mapped into the process after a product. */
    blasLibraries?: string[];
    /** OpenBLAS's openblas_get_config() and openblas_get_corename(), when OpenBLAS is the BLAS. */
    openblas?: { config: string; core: string } | null;
  }
  | { skipped: string };

/**
 * Finds a Python with torch: $HYPERSPEC_BENCH_PYTHON, then `python3` on the PATH, then
 * /usr/bin/python3 (Debian's python3-torch installs there, while a pyenv python3 may shadow it).
 */
export function probeTorch(): TorchProbe {
  const candidates = [process.env.HYPERSPEC_BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  const failures: string[] = [];
  for (const python of candidates) {
    try {
      const out = JSON.parse(execFileSync(python, [SCRIPT, 'probe'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: torchEnv() }).trim()) as Omit<Extract<TorchProbe, { python: string }>, 'python'>;
      return { python, ...out };
    } catch (e) {
      failures.push(`${python}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return { skipped: `no Python with torch (${failures.join('; ')})` };
}

/** PyTorch in one configuration via bench/engine_torch.py, one process per measurement (import time is not timed). */
export class PytorchSystem implements EngineSystem {
  readonly name: string;
  readonly threads: string;

  constructor(private readonly python: string, private readonly config: PytorchConfig) {
    this.name = config.name;
    this.threads = String(config.threads);
  }

  private run(args: string[]): Record<string, number> {
    const out = execFileSync(this.python, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 1 << 20, env: configEnv(torchEnv(), this.config) });
    return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  }

  async sgemm(n: number): Promise<number> {
    return this.run(['sgemm', String(n), String(sgemmRepetitions(n))]).seconds;
  }

  async train(w: TrainWorkload): Promise<TrainResult> {
    const r = this.run(['train', w.kind, String(w.trainImages), String(w.testImages), String(w.batch), String(w.lr), String(w.seed), mnistDir()]);
    return { seconds: r.seconds, accuracy: r.accuracy, peakRssMb: r.peak_rss_mb };
  }

  /**
   * The scaling bench's MLP points, all in one process (bench/engine_torch.py scaling): the seconds
   * of each point's timed steps, in the order given.
   */
  mlpScaling(points: readonly { hidden: number; batch: number; warmup: number; steps: number }[], trainImages: number, lr: number, seed: number): number[] {
    const args = [SCRIPT, 'scaling', String(trainImages), String(lr), String(seed), mnistDir(), JSON.stringify(points)];
    const out = execFileSync(this.python, args, { encoding: 'utf8', maxBuffer: 1 << 20, env: configEnv(torchEnv(), this.config) });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { seconds: number });
    if (lines.length !== points.length) throw new Error(`engine_torch.py scaling printed ${lines.length} results for ${points.length} points`);
    return lines.map((l) => l.seconds);
  }

  async dispose(): Promise<void> {}
}
