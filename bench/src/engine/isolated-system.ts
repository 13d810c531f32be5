import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AllocationCounters } from './systems/hyperspec-system.js';
import type { EngineSystem, TrainResult, TrainWorkload } from './workloads.js';

/** dist/engine/measure.js (this file's sibling once built). */
const MEASURE = fileURLToPath(new URL('./measure.js', import.meta.url));

/**
 * A JavaScript system measured in a fresh Node process per measurement, as PyTorch is: no system
 * inherits another's JIT state, garbage or heap, and type feedback in shared code (core ops see
 * only one kind of buffer) matches what a user's process would see.
 */
export class IsolatedSystem implements EngineSystem {
  constructor(readonly name: string, readonly threads: string, private readonly smoke: boolean) {}

  private run(args: string[]): Record<string, unknown> {
    const out = execFileSync(process.execPath, [MEASURE, this.name, ...args, ...(this.smoke ? ['--smoke'] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 20,
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
    if (typeof result.error === 'string') throw new Error(result.error);
    return result;
  }

  async sgemm(n: number): Promise<number> {
    return this.run(['sgemm', String(n)]).seconds as number;
  }

  async train(w: TrainWorkload): Promise<TrainResult> {
    return this.run(['train', w.kind]) as unknown as TrainResult;
  }

  allocationCounters(): AllocationCounters {
    return this.run(['alloc']) as unknown as AllocationCounters;
  }

  async dispose(): Promise<void> {}
}
