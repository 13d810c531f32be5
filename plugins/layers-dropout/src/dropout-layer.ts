import type { ForwardContext, Layer, LayerContext, Rng } from '@hyperspec/core';
import { dropout, type Tensor } from '@hyperspec/core/tensor';

export interface DropoutLayerOptions {
  rate: number;
}

/**
 * Zeroes each unit with probability `rate` in training and scales the rest by 1/(1 − rate); the
 * identity at inference. Masks come from a generator forked from the model's at build time, so a
 * seeded run drops the same units and other layers' random draws do not shift it.
 */
export class DropoutLayer implements Layer {
  readonly outputShape: readonly number[];
  private readonly rng: Rng;

  constructor(private readonly options: DropoutLayerOptions, ctx: LayerContext) {
    this.outputShape = ctx.inputShape.slice();
    this.rng = ctx.rng.fork();
  }

  forward(x: Tensor, ctx: ForwardContext): Tensor {
    return dropout(x, this.options.rate, this.rng, ctx.training);
  }

  parameters() {
    return [];
  }

  describe(): string {
    return `dropout ${this.options.rate}`;
  }
}
