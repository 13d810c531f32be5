import type { Worker as NodeWorker } from 'node:worker_threads';
import type { WasmHeap } from './wasm-heap.js';

// Control block layout in i32 slots (kept in sync with assembly/threads.ts).
const GEN = 0;
const DONE = 1;
const READY = 2;
const OP = 3;
const ARGS = 4;
const FAILED = 30;
const CONTROL_SLOTS = 32;

export const OP_GEMM = 1;
export const OP_IM2COL = 2;
export const OP_COL2IM = 3;
export const OP_ADAM = 4;
const OP_QUIT = 99;

/** Polls of DONE before the main thread sleeps; the halves of a split kernel finish close together. */
const JOIN_SPIN = 50_000;
const START_TIMEOUT_MS = 10_000;

// The helper is a few lines of CommonJS evaluated in a worker: instantiate the same module on the
// same memory and enter its loop (assembly/threads.ts). A trap is reported through the control block
// because the main thread, blocked in Atomics.wait, cannot receive worker events.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, scratch } = workerData;
const ctl = new Int32Array(memory.buffer, control, ${CONTROL_SLOTS});
try {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  instance.exports.workerLoop(control, scratch);
} catch (error) {
  Atomics.store(ctl, ${FAILED}, 1);
  Atomics.store(ctl, ${DONE}, Atomics.load(ctl, ${GEN}));
  Atomics.notify(ctl, ${DONE});
  Atomics.store(ctl, ${READY}, 1);
  Atomics.notify(ctl, ${READY});
}
`;

/**
 * The second thread: a worker running the kernel module on the shared memory. The main thread posts
 * one task at a time (the other half of a kernel), computes its own half, then joins. The worker
 * starts on first use, so backends that never run a large kernel never start a thread.
 */
export class HelperThread {
  private worker: NodeWorker | null = null;
  private failed = false;
  private readonly ctl: Int32Array;
  private readonly ctlF64: Float64Array;
  private readonly scratch: number;
  private pending = 0;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly heap: WasmHeap,
    scratchFloats: number,
  ) {
    this.ctl = heap.ints(CONTROL_SLOTS);
    this.ctlF64 = new Float64Array(this.ctl.buffer, this.ctl.byteOffset, CONTROL_SLOTS / 2);
    this.scratch = heap.floats(scratchFloats).byteOffset;
  }

  /** Starts the worker if needed; false when it cannot run (then callers compute alone). */
  available(): boolean {
    if (this.failed) return false;
    if (Atomics.load(this.ctl, READY) === 1) return Atomics.load(this.ctl, FAILED) === 0 || this.markFailed();
    if (!this.worker) this.start();
    // First use: wait for the worker to come up (tens of milliseconds, once).
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Atomics.load(this.ctl, READY) !== 1 && Date.now() < deadline) Atomics.wait(this.ctl, READY, 0, 50);
    if (Atomics.load(this.ctl, READY) !== 1 || Atomics.load(this.ctl, FAILED) !== 0) return this.markFailed();
    return true;
  }

  /** Posts a task; integer arguments first, then (for OP_ADAM) float64 arguments at slot 6 onwards. */
  post(op: number, ints: readonly number[], floats: readonly number[] = []): void {
    const ctl = this.ctl;
    ctl[OP] = op;
    for (let i = 0; i < ints.length; i++) ctl[ARGS + i] = ints[i];
    for (let i = 0; i < floats.length; i++) this.ctlF64[(ARGS + 6) / 2 + i] = floats[i];
    this.pending = Atomics.add(ctl, GEN, 1) + 1;
    Atomics.notify(ctl, GEN, 1);
  }

  /** Waits for the posted task; throws if the worker trapped. */
  join(): void {
    const ctl = this.ctl;
    const want = this.pending;
    let spins = 0;
    while (Atomics.load(ctl, DONE) !== want) {
      if (spins < JOIN_SPIN) spins++;
      else Atomics.wait(ctl, DONE, Atomics.load(ctl, DONE), 20);
    }
    if (Atomics.load(ctl, FAILED) !== 0) {
      this.markFailed();
      throw new Error('backend wasm: the helper thread failed while running a kernel');
    }
  }

  /** Stops the worker (it leaves its loop and exits). */
  dispose(): void {
    if (!this.worker) return;
    if (Atomics.load(this.ctl, READY) === 1 && !this.failed) {
      this.post(OP_QUIT, []);
      this.join();
    }
    void this.worker.terminate();
    this.worker = null;
    this.failed = true;
  }

  private start(): void {
    const builtin = process.getBuiltinModule('node:worker_threads') as typeof import('node:worker_threads');
    this.worker = new builtin.Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: this.module, memory: this.heap.memory, control: this.ctl.byteOffset, scratch: this.scratch },
    });
    // A helper never keeps the process alive, and its errors surface through the control block.
    this.worker.unref();
    this.worker.on('error', () => this.markFailed());
  }

  private markFailed(): false {
    this.failed = true;
    return false;
  }
}
