import type { Layer, Parameter } from '@hyperspec/core';
import { denseChain, type DenseChainLink as ChainStep, type Tensor } from '@hyperspec/core/tensor';

/**
 * Consecutive dense layers (ReLU or no activation) fused for inference by `DenseLayer.fuseNext`: one
 * `denseChain` op, which on a backend with `dense_chain_forward` takes each block of rows through every
 * layer before the next block, with the threads meeting once per batch instead of once per layer.
 * Gives the values of the layers run one by one; only runs forward, the parameters stay the layers'.
 */
export class DenseChainLayer implements Layer {
  constructor(
    private readonly steps: readonly ChainStep[],
    readonly outputShape: readonly number[],
  ) {}

  forward(x: Tensor): Tensor {
    return denseChain(x, this.steps);
  }

  parameters(): Parameter[] {
    return [];
  }

  /** Appends a following dense layer that can chain (see DenseLayer.chainStep). */
  fuseNext(next: Layer): Layer | undefined {
    const step = chainStepOf(next);
    return step ? new DenseChainLayer([...this.steps, step], next.outputShape) : undefined;
  }

  describe(): string {
    return `dense chain of ${this.steps.length}`;
  }
}

/** A layer's step in a dense chain, when it is a dense layer that can be one. */
export function chainStepOf(layer: Layer): ChainStep | undefined {
  return (layer as { chainStep?: () => ChainStep | undefined }).chainStep?.();
}
