import { HyperspecError } from '../errors/hyperspec-error.js';
import type { Backend, Kernels } from './backend.js';
import type { Tensor } from './tensor.js';

/** One recorded call: the function, its receiver and its arguments as they were passed. */
interface RecordedCall {
  readonly fn: (...args: unknown[]) => void;
  readonly self: unknown;
  readonly args: unknown[];
}

/** Every entry of the `Kernels` table (a record, so the type checker keeps the list complete). */
const KERNEL_NAMES: Record<keyof Kernels, true> = {
  matmul: true, matmulNchw: true, unary: true, binary: true, reduce: true, transpose: true, broadcastTo: true, softmax: true,
  logSoftmax: true, softmaxCrossEntropy: true, im2col: true, col2im: true, maxPool2d: true, maxPool2dGrad: true,
  avgPool2d: true, avgPool2dGrad: true, pick: true, pickGrad: true,
};

/**
 * A computation recorded once as the sequence of kernel calls it made — `Kernels` entries, fused
 * kernels from `backend.fused` and core's host kernels (`engine.host`), each with the buffers, shapes
 * and scalars it was given — and replayed by calling them again in order: no tensor objects, no tape,
 * no shape checks. Made by `engine.capture`.
 *
 * Replaying is only the same computation when the buffers are the same: the step owns every buffer
 * released while it was recorded (its temporaries, reused in the same order on every replay) and the
 * buffers of the tensors `capture` returned, keeps them out of the backend's pool, and gives them
 * back on `dispose`. Buffers that outlived the recording elsewhere (parameters, gradients, running
 * statistics) belong to their owners and are read and written in place, as the eager step would.
 * Values the ops read in JavaScript when they ran (shapes, scalars, the constants of `engine.tensor`)
 * are part of the recording: a computation whose scalars change from one run to the next must not be
 * captured.
 */
export class CapturedStep {
  /** What ops see as `engine.backend` while recording: the backend, with recording kernel tables and buffers. */
  readonly recordingBackend: Backend;
  private calls: RecordedCall[] = [];
  /** Buffers released during the recording, by size: handed out again before asking the backend. */
  private readonly free = new Map<number, Float32Array[]>();
  /** Buffers handed out during the recording and not released (yet). */
  private readonly live = new Set<Float32Array>();
  private owned: Float32Array[] = [];
  private results: Tensor[] = [];
  private status: 'recording' | 'ready' | 'disposed' = 'recording';
  private problem: string | null = null;

  constructor(private readonly backend: Backend) {
    const kernels: Record<string, unknown> = {};
    for (const name of Object.keys(KERNEL_NAMES) as (keyof Kernels)[]) kernels[name] = this.recorder(backend.kernels[name], backend.kernels);
    const fused = backend.fused;
    // The backend as prototype: its name, stats and anything of its own stay reachable.
    this.recordingBackend = Object.create(backend, {
      kernels: { value: kernels },
      fused: { value: fused ? Object.fromEntries(Object.entries(fused).map(([name, fn]) => [name, this.recorder(fn, fused)])) : undefined },
      alloc: { value: (size: number) => this.alloc(size) },
      release: { value: (buffer: Float32Array) => this.release(buffer) },
    }) as Backend;
  }

  /**
   * Why the recording cannot be replayed, or null when it can: a tensor made while recording that
   * outlived it other than the results (state created inside the step, which a replay would
   * re-initialise or overwrite).
   */
  get notReplayable(): string | null {
    return this.problem;
  }

  /** Recorded calls (for logs and tests). */
  get length(): number {
    return this.calls.length;
  }

  /** Bytes of the buffers the step keeps between replays. */
  get bytes(): number {
    return this.owned.reduce((n, b) => n + b.byteLength, 0);
  }

  /** Called by the engine for every call made while recording (after the call ran). */
  record(fn: (...args: never) => void, self: unknown, args: unknown[]): void {
    if (this.status === 'recording') this.calls.push({ fn: fn as (...args: unknown[]) => void, self, args });
  }

  /**
   * Ends the recording; called by `engine.capture` with the tensors the computation returned. The step
   * owns the buffers released while recording and those of the results made while recording, which
   * stay valid (kept, without their tape) until `dispose`; returns those results.
   */
  finish(results: readonly Tensor[]): Tensor[] {
    for (const list of this.free.values()) this.owned.push(...list);
    this.free.clear();
    for (const t of results) {
      if (this.live.delete(t.data)) {
        t.kept = true;
        t.node = null;
        this.owned.push(t.data);
        this.results.push(t);
      }
    }
    // The rest belong to whoever kept them.
    if (this.live.size) this.problem = `${this.live.size} tensor(s) made while recording were kept (state created inside the step)`;
    this.live.clear();
    this.status = 'ready';
    return this.results;
  }

  /** Runs the recorded calls again, in order, on the same buffers. */
  replay(): void {
    if (this.status !== 'ready') throw new HyperspecError('internal', `a captured step cannot be replayed while ${this.status}`);
    if (this.problem) throw new HyperspecError('internal', `this captured step cannot be replayed: ${this.problem}`);
    const calls = this.calls;
    for (let i = 0; i < calls.length; i++) {
      const c = calls[i];
      c.fn.apply(c.self, c.args);
    }
  }

  /** Gives the step's buffers back to the backend; its result tensors are disposed with them. */
  dispose(): void {
    if (this.status === 'disposed') return;
    if (this.status === 'recording') this.finish([]);
    this.status = 'disposed';
    for (const t of this.results) {
      t.disposed = true;
      t.node = null;
    }
    for (const b of this.owned) this.backend.release(b);
    this.owned = [];
    this.results = [];
    this.calls = [];
  }

  private recorder(fn: (...args: never[]) => void, self: unknown): (...args: unknown[]) => unknown {
    const call = fn as (...args: unknown[]) => unknown;
    // The result goes back to the op (a fused kernel may answer whether it ran); a replay ignores it.
    return (...args: unknown[]) => {
      const result = call.apply(self, args);
      this.record(fn, self, args);
      return result;
    };
  }

  private alloc(size: number): Float32Array {
    const buffer = this.free.get(size)?.pop() ?? this.backend.alloc(size);
    this.live.add(buffer);
    return buffer;
  }

  private release(buffer: Float32Array): void {
    this.live.delete(buffer);
    let list = this.free.get(buffer.length);
    if (!list) {
      list = [];
      this.free.set(buffer.length, list);
    }
    list.push(buffer);
  }
}
