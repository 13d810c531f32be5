import type { Worker as NodeWorker } from 'node:worker_threads';
import type { WasmHeap } from './wasm-heap.js';

import { ARGS, BOUNDS, CHUNK_BITS, CHUNKS, CLAIM, DONE, FAILED, FINISHED, GEN, MAX_TASK_CHUNKS, OP, OP_QUIT, READY, SLEEPING } from './kernel-abi.js';

// The control block's layout and the task codes are shared with the kernel module (kernel-abi.ts).
export { MAX_TASK_CHUNKS, OP_ADAM, OP_BINARY, OP_COL2IM, OP_GEMM, OP_IM2COL, OP_MAXPOOL, OP_MAXPOOL_GRAD, OP_PACK, OP_SWAP, OP_UNARY } from './kernel-abi.js';
const CONTROL_SLOTS = BOUNDS + MAX_TASK_CHUNKS + 4;
const GEN_MASK = (1 << (31 - CHUNK_BITS)) - 1;

/** Polls of FINISHED before the main thread sleeps; the helpers' last chunks end soon after the main thread's. */
const JOIN_SPIN = 50_000;
const START_TIMEOUT_MS = 10_000;
const QUIT_TIMEOUT_MS = 1_000;

// A helper is a few lines of CommonJS evaluated in a worker: instantiate the same module on the
// same memory and enter its loop (assembly/threads.ts) with its own scratch space. A trap is reported
// through the control block because the main thread, blocked in Atomics.wait, cannot receive worker events.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, scratch } = workerData;
const ctl = new Int32Array(memory.buffer, control, ${CONTROL_SLOTS});
try {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  instance.exports.workerLoop(control, scratch);
} catch (error) {
  Atomics.store(ctl, ${FAILED}, 1);
  for (const slot of [${FINISHED}, ${DONE}, ${READY}]) Atomics.notify(ctl, slot);
}
`;

/** The main thread's side of a shared task: claims and computes chunks of task `gen` (assembly/threads.ts runChunks). */
export type ChunkRunner = (control: number, gen: number) => void;

/**
 * The helper threads: workers running the kernel module on the shared memory, one per core beyond
 * the main thread's. A task is cut into chunks that every thread claims from a shared counter (see
 * assembly/threads.ts), so a helper that is asleep, still starting or descheduled delays nothing:
 * the main thread and the other helpers compute whatever it has not started.
 */
export class HelperThreads {
  private readonly workers: NodeWorker[] = [];
  private failed = false;
  private readonly ctl: Int32Array;
  private readonly ctlF64: Float64Array;
  private readonly scratch: number[];

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly heap: WasmHeap,
    scratchFloats: number,
    /** Number of helper threads (threads besides the main one). */
    readonly count: number,
    private readonly runOnMain: ChunkRunner,
  ) {
    this.ctl = heap.ints(CONTROL_SLOTS);
    this.ctlF64 = new Float64Array(this.ctl.buffer, this.ctl.byteOffset, CONTROL_SLOTS / 2);
    this.scratch = Array.from({ length: count }, () => heap.floats(scratchFloats).byteOffset);
  }

  /**
   * Starts the workers without waiting for them. Called when the backend is made: a worker takes tens
   * of milliseconds to boot (measured 75-125 ms here), time better spent while the caller loads data
   * than inside the first training step.
   */
  startSoon(): void {
    if (!this.workers.length && !this.failed) this.start();
  }

  /** Starts the workers if needed and waits until they run; false when they cannot (then callers compute alone). */
  available(): boolean {
    if (this.failed) return false;
    if (Atomics.load(this.ctl, READY) === this.count) return Atomics.load(this.ctl, FAILED) === 0 || this.markFailed();
    if (!this.workers.length) this.start();
    // First use: wait for the workers to come up (tens of milliseconds, once; they boot in parallel).
    const deadline = Date.now() + START_TIMEOUT_MS;
    let ready: number;
    while ((ready = Atomics.load(this.ctl, READY)) < this.count && Atomics.load(this.ctl, FAILED) === 0 && Date.now() < deadline) {
      Atomics.wait(this.ctl, READY, ready, 50);
    }
    if (Atomics.load(this.ctl, READY) === 0 || Atomics.load(this.ctl, FAILED) !== 0) return this.markFailed();
    return true;
  }

  /**
   * Runs a task on every thread and returns when every chunk is done. Chunk i covers
   * [bounds[i], bounds[i + 1]) of the task's split axis (`chunks` + 1 boundaries, at most
   * MAX_TASK_CHUNKS chunks). Integer arguments go first; float64 arguments (OP_ADAM) at slot 6
   * onwards. Throws if a worker trapped.
   */
  run(op: number, ints: readonly number[], floats: readonly number[], bounds: Int32Array, chunks: number): void {
    const ctl = this.ctl;
    const gen = this.post(op, ints, floats, bounds, chunks);
    this.runOnMain(ctl.byteOffset, gen);
    let spins = 0;
    let finished: number;
    while ((finished = Atomics.load(ctl, FINISHED)) !== chunks) {
      if (Atomics.load(ctl, FAILED) !== 0) {
        this.markFailed();
        throw new Error('backend wasm: a helper thread failed while running a kernel');
      }
      if (spins < JOIN_SPIN) spins++;
      else Atomics.wait(ctl, FINISHED, finished, 20);
    }
  }

  /** Stops the workers (they leave their loop and exit). */
  dispose(): void {
    if (!this.workers.length) return;
    if (Atomics.load(this.ctl, READY) > 0 && !this.failed) {
      this.post(OP_QUIT, [], [], null, 0);
      const deadline = Date.now() + QUIT_TIMEOUT_MS;
      let done: number;
      while ((done = Atomics.load(this.ctl, DONE)) < Atomics.load(this.ctl, READY) && Date.now() < deadline) Atomics.wait(this.ctl, DONE, done, 20);
    }
    for (const worker of this.workers) void worker.terminate();
    this.workers.length = 0;
    this.failed = true;
  }

  /**
   * Writes a task and publishes it. CLAIM is re-tagged with the new generation first, before anything
   * a helper reads to claim a chunk: a helper still inside runChunks for the previous task (it may have
   * read CLAIM just before being descheduled) then fails its claim instead of taking chunk index
   * `old chunks` against the new CHUNKS, computing a chunk of the half-written task and counting it in
   * FINISHED twice — which left the main thread waiting for a count it had passed (seen once, as a hang,
   * on a heavily loaded machine). GEN moves last and wakes the helpers.
   */
  private post(op: number, ints: readonly number[], floats: readonly number[], bounds: Int32Array | null, chunks: number): number {
    const ctl = this.ctl;
    const gen = (ctl[GEN] + 1) | 0;
    Atomics.store(ctl, CLAIM, (gen & GEN_MASK) << CHUNK_BITS);
    ctl[OP] = op;
    for (let i = 0; i < ints.length; i++) ctl[ARGS + i] = ints[i];
    for (let i = 0; i < floats.length; i++) this.ctlF64[(ARGS + 6) / 2 + i] = floats[i];
    if (bounds) for (let i = 0; i <= chunks; i++) ctl[BOUNDS + i] = bounds[i];
    ctl[CHUNKS] = chunks;
    Atomics.store(ctl, FINISHED, 0);
    Atomics.store(ctl, GEN, gen);
    // Wakes every helper that went to sleep (the others are polling GEN). Only when one is asleep:
    // notify takes a lock every thread's wait and notify share, ~2.5 µs a post in a W-MLP profile.
    if (Atomics.load(ctl, SLEEPING) !== 0) Atomics.notify(ctl, GEN);
    return gen;
  }

  private start(): void {
    const builtin = process.getBuiltinModule('node:worker_threads') as typeof import('node:worker_threads');
    for (const scratch of this.scratch) {
      const worker = new builtin.Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: this.module, memory: this.heap.memory, control: this.ctl.byteOffset, scratch },
      });
      // A helper never keeps the process alive, and its errors surface through the control block.
      worker.unref();
      worker.on('error', () => this.markFailed());
      this.workers.push(worker);
    }
  }

  private markFailed(): false {
    this.failed = true;
    return false;
  }
}
