import { HyperspecError } from '../errors/hyperspec-error.js';
import type { Backend } from './backend.js';
import { fillBuffer } from './accumulating-kernels.js';
import { CapturedStep } from './captured-step.js';
import { constantKernel, fillKernel } from './host-kernels.js';
import { Tensor, type TapeNode } from './tensor.js';
import { topologicalOrder } from './topological-order.js';

/**
 * Owns a backend, the autograd switch and the scopes that release temporaries. There is no global
 * engine: every tensor points at the engine that made it, and ops use that one.
 */
export class Engine {
  private readonly realBackend: Backend;
  private recording = true;
  private readonly scopes: Tensor[][] = [];
  private liveBytes = 0;
  private peakBytes = 0;
  /** The step being recorded by `capture`, if any. */
  private capturing: CapturedStep | null = null;

  constructor(backend: Backend) {
    this.realBackend = backend;
  }

  /** The backend ops call; while `capture` records, the same backend seen through the recording. */
  get backend(): Backend {
    return this.capturing ? this.capturing.recordingBackend : this.realBackend;
  }

  /** Whether ops currently record tape nodes. */
  get gradEnabled(): boolean {
    return this.recording;
  }

  /** A tensor holding a copy of `values`. */
  tensor(values: ArrayLike<number>, shape: readonly number[]): Tensor {
    checkFill('tensor', values, shape);
    const t = this.empty(shape);
    // While capturing, the values are a constant of the step: copied now, written on every replay.
    if (this.capturing) this.host(constantKernel, Float32Array.from(values), t.data);
    else t.data.set(values);
    return t;
  }

  /** A tensor with unspecified contents; the caller fills it. */
  empty(shape: readonly number[]): Tensor {
    checkShape(shape);
    const t = new Tensor(this, shape.slice(), this.allocate(shapeSize(shape)));
    const top = this.scopes[this.scopes.length - 1];
    if (top) top.push(t);
    return t;
  }

  zeros(shape: readonly number[]): Tensor {
    return this.full(shape, 0);
  }

  full(shape: readonly number[], value: number): Tensor {
    const t = this.empty(shape);
    this.host(fillKernel, t.data, value);
    return t;
  }

  scalar(value: number): Tensor {
    return this.full([], value);
  }

  /** A trainable leaf that lives until disposed (never released by a scope). */
  variable(values: ArrayLike<number>, shape: readonly number[]): Tensor {
    checkFill('variable', values, shape);
    const t = this.persistent(shape);
    t.data.set(values);
    t.requiresGrad = true;
    return t;
  }

  /**
   * A kept tensor (unspecified contents) that is state, not a step's temporary: taken from the backend
   * itself even while `capture` records, so that a replay neither reuses nor re-initialises it.
   */
  private persistent(shape: readonly number[]): Tensor {
    const t = new Tensor(this, shape.slice(), this.counted(this.realBackend.alloc(shapeSize(shape))));
    t.kept = true;
    return t;
  }

  /**
   * Runs fn and releases every tensor made inside it, except kept ones and those in its result
   * (a tensor, or an array / object whose values are tensors), which move to the enclosing scope.
   */
  scope<T>(fn: () => T): T {
    this.scopes.push([]);
    let made: Tensor[] = [];
    let result: T;
    try {
      result = fn();
    } finally {
      made = this.scopes.pop() ?? [];
    }
    const survivors = new Set<Tensor>();
    collectTensors(result, survivors);
    const parent = this.scopes[this.scopes.length - 1];
    for (const t of made) {
      if (survivors.has(t)) {
        if (parent) parent.push(t);
      } else if (!t.kept) {
        t.dispose();
      }
    }
    return result;
  }

  /**
   * Runs fn as `scope` does and records every kernel call it makes (the backend's `Kernels`, its fused
   * kernels and core's host kernels, with their buffers, shapes and scalars) into a step that
   * `step.replay()` runs again without fn. The tensors in fn's result belong to the step: they stay
   * valid, without their tape, until `step.dispose()`, and a replay rewrites them. Do fn's backward
   * inside fn. Only computations that pass the same scalars on every run may be captured (see
   * `CapturedStep`).
   */
  capture<T>(fn: () => T): { result: T; step: CapturedStep } {
    if (this.capturing) throw new HyperspecError('internal', 'engine.capture: another capture is recording');
    const step = new CapturedStep(this.realBackend);
    this.capturing = step;
    let result: T;
    try {
      result = this.scope(fn);
    } catch (e) {
      this.capturing = null;
      step.dispose();
      throw e;
    }
    this.capturing = null;
    const results = new Set<Tensor>();
    collectTensors(result, results);
    // The step owns those made inside fn: no enclosing scope may release them.
    for (const t of step.finish([...results])) this.untrack(t);
    return { result, step };
  }

  /**
   * Runs a host kernel (a JavaScript function on buffers, see host-kernels.ts): the one way core's ops
   * write tensor data outside the backend's kernels, so that `capture` records it too.
   */
  host<A extends unknown[]>(kernel: (...args: A) => void, ...args: A): void {
    kernel(...args);
    this.capturing?.record(kernel, undefined, args);
  }

  /** Runs fn with gradient recording off (inference, metrics, optimizer updates). */
  noGrad<T>(fn: () => T): T {
    const previous = this.recording;
    this.recording = false;
    try {
      return fn();
    } finally {
      this.recording = previous;
    }
  }

  /** Records a tape node on `output` when recording is on and some input is tracked. */
  record(output: Tensor, op: string, inputs: readonly Tensor[], backward: TapeNode['backward']): Tensor {
    if (this.recording && inputs.some((t) => t.tracked)) output.node = { op, inputs, backward };
    return output;
  }

  /**
   * Reverse-mode differentiation from `loss` (seeded with ones, or with `seed`). Gradients of trainable
   * leaves are added into their `grad` tensors; intermediate gradients are released with the scope.
   */
  backward(loss: Tensor, seed?: Tensor): void {
    const order = topologicalOrder(loss);
    const grads = new Map<Tensor, Tensor>();
    grads.set(loss, seed ?? this.full(loss.shape, 1));
    this.noGrad(() => {
      for (let i = order.length - 1; i >= 0; i--) {
        const t = order[i];
        const dy = grads.get(t);
        if (!dy) continue;
        if (t.requiresGrad && !t.node) {
          this.accumulateInto(t, dy);
          continue;
        }
        const node = t.node;
        if (!node) continue;
        const inputGrads = node.backward(dy);
        for (let k = 0; k < node.inputs.length; k++) {
          const input = node.inputs[k];
          const g = inputGrads[k];
          if (!g || !input.tracked) continue;
          const prev = grads.get(input);
          if (prev) {
            // Not in place: a rule may hand the same tensor to several inputs.
            const sum = this.empty(prev.shape);
            this.backend.kernels.binary('add', prev.data, prev.shape, g.data, g.shape, sum.data, sum.shape);
            grads.set(input, sum);
          } else {
            grads.set(input, g);
          }
        }
      }
    });
  }

  /**
   * For a backward rule that sums an input's gradient into the input's gradient buffer itself (a
   * product accumulated in place, `matmulAccumulateKernel`): that buffer when the input is a
   * trainable leaf (made zeroed, as state, on first use), else null. A rule that writes there returns
   * null for that input, so backward does not add it again. Call it only inside a backward rule.
   */
  leafGradient(t: Tensor): Tensor | null {
    if (!t.requiresGrad || t.node) return null;
    if (!t.grad) {
      t.grad = this.persistent(t.shape);
      fillBuffer(this.realBackend, t.grad.data, 0);
    }
    return t.grad;
  }

  /** Adds dy into the leaf's gradient, made (zeroed, as state) on the leaf's first backward. */
  private accumulateInto(leaf: Tensor, dy: Tensor): void {
    const g = this.leafGradient(leaf)!;
    if (dy.size !== g.size) throw new HyperspecError('internal', `gradient of shape [${dy.shape}] for a leaf of shape [${leaf.shape}]`);
    // In place through the backend's kernel: a SIMD add on a wasm backend, where a JavaScript loop over
    // the shared-memory views costs more than the whole matrix product that made the gradient.
    this.backend.kernels.binary('add', g.data, g.shape, dy.data, g.shape, g.data, g.shape);
  }

  /** A backend buffer for a new tensor, counted in the bytes tensors hold. */
  allocate(size: number): Float32Array {
    return this.counted(this.backend.alloc(size));
  }

  private counted(data: Float32Array): Float32Array {
    this.liveBytes += data.byteLength;
    if (this.liveBytes > this.peakBytes) this.peakBytes = this.liveBytes;
    return data;
  }

  /** Called by Tensor.dispose. */
  release(t: Tensor): void {
    this.liveBytes -= t.data.byteLength;
    this.backend.release(t.data);
  }

  /**
   * Bytes held by live tensors (parameters, optimizer state, activations, gradients, batches) now and at
   * most since the last `resetPeakMemory` — a study's `peak_memory_mb` is the peak during one trial.
   * A captured step's temporaries count while it records (as the eager step's do), not between replays.
   */
  memory(): { liveBytes: number; peakBytes: number } {
    return { liveBytes: this.liveBytes, peakBytes: this.peakBytes };
  }

  /** Starts a new peak from the bytes held now. */
  resetPeakMemory(): void {
    this.peakBytes = this.liveBytes;
  }

  private untrack(t: Tensor): void {
    const top = this.scopes[this.scopes.length - 1];
    if (!top) return;
    const i = top.lastIndexOf(t);
    if (i >= 0) top.splice(i, 1);
  }
}

function checkShape(shape: readonly number[]): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new HyperspecError('shape', `invalid shape [${shape.join(', ')}]`);
  }
}

function checkFill(op: string, values: ArrayLike<number>, shape: readonly number[]): void {
  checkShape(shape);
  const size = shapeSize(shape);
  if (values.length !== size) {
    throw new HyperspecError('shape', `${op}: ${values.length} values do not fill shape [${shape.join(', ')}] (${size} values)`);
  }
}

export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function collectTensors(value: unknown, into: Set<Tensor>): void {
  if (value instanceof Tensor) {
    into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectTensors(v, into);
  } else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) collectTensors(v, into);
  }
}
