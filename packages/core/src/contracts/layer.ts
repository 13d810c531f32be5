import type { ServiceIdentifier } from 'inversify';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Tensor } from '../tensor/tensor.js';

/** A named trainable tensor (a weight or a bias): the "learned knowledge" of a layer. */
export interface Parameter {
  /** Unique within a model, e.g. `layers.0.weight`. */
  name: string;
  /** The value; a kept variable with `requiresGrad`. Its `grad` holds the accumulated gradient. */
  value: Tensor;
  /** Whether weight-decay style regularizers apply (weights yes, biases and norm scales no). */
  decay: boolean;
}

export interface ForwardContext {
  /** Training mode (dropout active, batch statistics) versus inference. */
  training: boolean;
}

/**
 * A layer maps an input batch to an output batch. It is built for a known input shape (without the
 * batch axis), so its output shape is known before any data flows and a bad architecture fails at
 * build time.
 */
export interface Layer {
  /** Output shape for one sample, e.g. [10] or [32, 14, 14]. */
  readonly outputShape: readonly number[];
  /** Called for every batch, inside the step's scope. */
  forward(x: Tensor, ctx: ForwardContext): Tensor;
  /** Trainable parameters, in a stable order. */
  parameters(): Parameter[];
  /** Non-trainable state that must be saved with the model (e.g. batch-norm running averages). */
  buffers?(): Record<string, Tensor>;
  /** One line for the model summary, e.g. `dense 128, relu`. */
  describe?(): string;
  /**
   * State that is neither a parameter nor a buffer but that a resumed run must restore to continue
   * exactly, such as dropout's mask generator: called when a checkpoint is written (JSON-safe data).
   */
  saveState?(): unknown;
  /** Called on resume, before the first step, with what `saveState` returned. */
  loadState?(state: unknown): void;
  /**
   * True when `forward` in training only calls core's ops (or writes tensor data through
   * `engine.host`) and passes the same scalars for every batch of a shape: the trainer may then record
   * one training step and replay its kernel calls (`engine.capture`). Leave it unset when forward
   * reads or writes `tensor.data` itself, draws random numbers outside a host kernel, or passes
   * scalars that change from batch to batch. (A forward that keeps a tensor it made is detected: the
   * steps then run eagerly.)
   */
  readonly capturable?: boolean;
  /**
   * Called once when a model is prepared for inference (a loaded model, whose parameters no longer
   * change and whose forward always runs with training false): returns one layer that computes this
   * layer's forward and then `next`'s in a single pass, with the same values, or undefined to keep
   * both. The returned layer only runs forward; the parameters stay this layer's.
   */
  fuseNext?(next: Layer): Layer | undefined;
  /**
   * fuseNext's training counterpart, called once before the model's first training forward: returns
   * one layer that computes this layer's forward and then `next`'s, recording the same gradients as
   * the two layers would (fewer passes over memory), or undefined to keep both. Separate from fuseNext,
   * whose fusions may hold only at inference (dropout skipped, weights packed once).
   */
  fuseNextInTraining?(next: Layer): Layer | undefined;
  /** A 2-d pooling layer's windows, for a layer before it that can fuse the pooling (fuseNext). */
  readonly pool2d?: Pool2dWindows;
}

/** What a pooling layer tells the layer before it: the mode and the (square, unpadded) windows. */
export interface Pool2dWindows {
  mode: 'max' | 'avg';
  kernel: number;
  stride: number;
}

/** The container token under which plugins bind Layer descriptors, each named by its `type`. */
export const Layer: ServiceIdentifier<ComponentDescriptor<Layer>> = Symbol.for('hyperspec.Layer');
