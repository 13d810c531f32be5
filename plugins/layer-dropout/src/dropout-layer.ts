import { HyperspecError, type ForwardContext, type Layer, type LayerContext, type Rng } from '@hyperspec/core';
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
  /** Forward uses core ops only (the mask is drawn in a host kernel, afresh on every replay): capturable. */
  readonly capturable = true;
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

  /**
   * The identity at inference: dropout then `next` is `next`, so a model prepared for inference skips
   * this layer and the layers on either side may fuse (two dense layers into one chain).
   */
  fuseNext(next: Layer): Layer {
    return next;
  }

  /** The mask generator's state, so a resumed run draws the masks an uninterrupted one would. */
  saveState(): number[] {
    return this.rng.getState();
  }

  loadState(state: unknown): void {
    if (!Array.isArray(state) || state.length !== 4 || !state.every((x) => Number.isInteger(x) && x >= -0x80000000 && x <= 0xffffffff)) {
      throw new HyperspecError('data', 'dropout: the saved mask generator state is not 4 32-bit integers');
    }
    this.rng.setState(state);
  }

  describe(): string {
    return `dropout ${this.options.rate}`;
  }
}
