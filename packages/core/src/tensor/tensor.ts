import type { Engine } from './engine.js';

/** A node on the autograd tape: how to turn the output's gradient into the inputs' gradients. */
export interface TapeNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Returns one gradient per input (null where the input needs none). Runs with recording off. */
  backward(dy: Tensor): (Tensor | null)[];
}

/**
 * A float32 tensor: a shape and a buffer owned by the engine's backend. Tensors made inside
 * `engine.scope` are released when the scope ends unless returned from it or `keep()`-ed.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly size: number;
  /** Backend storage, row-major. Valid until the tensor is disposed. */
  data: Float32Array;
  readonly engine: Engine;
  /** True for trainable leaves (parameters): backward accumulates into `grad`. */
  requiresGrad = false;
  /** Accumulated gradient of a leaf that requires grad; persistent across steps. */
  grad: Tensor | null = null;
  /** How this tensor was computed, when gradients are being recorded. */
  node: TapeNode | null = null;
  /** Kept tensors survive scopes (parameters, optimizer state, results the caller holds). */
  kept = false;
  /**
   * Values that will not change while the tensor lives (a loaded model's parameters): ops may hand
   * them to kernels that keep a prepared copy (packed weights) until the buffer is released.
   */
  frozen = false;
  disposed = false;

  constructor(engine: Engine, shape: readonly number[], data: Float32Array) {
    this.engine = engine;
    this.shape = shape;
    this.size = data.length;
    this.data = data;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** True when this tensor takes part in gradient computation. */
  get tracked(): boolean {
    return this.requiresGrad || this.node !== null;
  }

  /** Exempts the tensor from scope release; the owner must dispose it. */
  keep(): this {
    this.kept = true;
    return this;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.node = null;
    this.engine.release(this);
  }

  /** A copy of the values as a plain array. */
  toArray(): number[] {
    return Array.from(this.data);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item() needs a one-element tensor, got shape [${this.shape.join(', ')}]`);
    return this.data[0];
  }

  toString(): string {
    return `Tensor[${this.shape.join('×')}]`;
  }
}
