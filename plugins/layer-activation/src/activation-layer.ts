import type { Layer, LayerContext } from '@hyperspec/core';
import { activate, elu, leakyRelu, type ActivationName, type Tensor } from '@hyperspec/core/tensor';


/** A parameter-free layer applying one activation function elementwise. */
export class ActivationLayer implements Layer {
  readonly outputShape: readonly number[];
  /** Forward uses core ops only: a training step through it can be captured and replayed. */
  readonly capturable = true;

  constructor(private readonly fn: ActivationName, private readonly alpha: number | undefined, ctx: LayerContext) {
    this.outputShape = ctx.inputShape.slice();
  }

  forward(x: Tensor): Tensor {
    if (this.alpha !== undefined && this.fn === 'leaky_relu') return leakyRelu(x, this.alpha);
    if (this.alpha !== undefined && this.fn === 'elu') return elu(x, this.alpha);
    return activate(this.fn, x);
  }

  parameters() {
    return [];
  }

  describe(): string {
    return this.fn + (this.alpha !== undefined ? `(${this.alpha})` : '');
  }
}
