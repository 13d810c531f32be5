import type { Layer, LayerContext } from '@hyperspec/core';
import { flatten, type Tensor } from '@hyperspec/core/tensor';

/** [n, ...] → [n, features]: joins image-shaped samples into vectors for dense layers. */
export class FlattenLayer implements Layer {
  readonly outputShape: readonly number[];
  /** Forward uses core ops only: a training step through it can be captured and replayed. */
  readonly capturable = true;

  constructor(ctx: LayerContext) {
    this.outputShape = [ctx.inputShape.reduce((a, b) => a * b, 1)];
  }

  forward(x: Tensor): Tensor {
    return x.rank === 2 ? x : flatten(x);
  }

  parameters() {
    return [];
  }

  describe(): string {
    return 'flatten';
  }
}
