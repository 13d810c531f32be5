import { HyperspecError, type Layer, type LayerContext, type Parameter } from '@hyperspec/core';
import { activate, dense, formatShape, type ActivationName, type DenseChainLink as ChainStep, type Tensor } from '@hyperspec/core/tensor';
import { chainStepOf, DenseChainLayer } from './dense-chain-layer.js';

export interface DenseOptions {
  units: number;
  activation: ActivationName;
  use_bias: boolean;
  kernel_initializer: string;
  bias_initializer: string;
}

/** y = activation(x·W + b), W [in, units]. */
export class DenseLayer implements Layer {
  readonly outputShape: readonly number[];
  /** Forward uses core ops only: a training step through it can be captured and replayed. */
  readonly capturable = true;
  private readonly weight: Parameter;
  private readonly bias: Parameter | null;

  constructor(private readonly options: DenseOptions, ctx: LayerContext) {
    if (ctx.inputShape.length !== 1) {
      throw new HyperspecError('shape', `dense expects a flat input [features], got ${formatShape(ctx.inputShape)}`, {
        location: { path: ctx.path },
        hint: 'put a { type: flatten } layer before it',
      });
    }
    const inputs = ctx.inputShape[0];
    const w = new Float32Array(inputs * options.units);
    ctx.initializer(options.kernel_initializer).fill(w, [inputs, options.units], { fanIn: inputs, fanOut: options.units }, ctx.rng);
    this.weight = { name: 'weight', value: ctx.engine.variable(w, [inputs, options.units]), decay: true };
    if (options.use_bias) {
      const b = new Float32Array(options.units);
      ctx.initializer(options.bias_initializer).fill(b, [options.units], { fanIn: inputs, fanOut: options.units }, ctx.rng);
      this.bias = { name: 'bias', value: ctx.engine.variable(b, [options.units]), decay: false };
    } else {
      this.bias = null;
    }
    this.outputShape = [options.units];
  }

  forward(x: Tensor): Tensor {
    const { activation } = this.options;
    // ReLU (and no activation) go into the dense op, which fuses them on backends that can.
    if (activation === 'relu' || activation === 'linear') return dense(x, this.weight.value, this.bias?.value ?? null, activation);
    return activate(activation, dense(x, this.weight.value, this.bias?.value ?? null));
  }

  /** This layer as a step of a dense chain: with ReLU or no activation (the ones the dense op fuses). */
  chainStep(): ChainStep | undefined {
    const { activation } = this.options;
    return activation === 'relu' || activation === 'linear' ? { w: this.weight.value, b: this.bias?.value ?? null, activation } : undefined;
  }

  /** At inference, this layer and a following dense layer run as one chain (DenseChainLayer). */
  fuseNext(next: Layer): Layer | undefined {
    const first = this.chainStep();
    const second = chainStepOf(next);
    return first && second ? new DenseChainLayer([first, second], next.outputShape) : undefined;
  }

  parameters(): Parameter[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  describe(): string {
    return `dense ${this.options.units}${this.options.activation === 'linear' ? '' : ', ' + this.options.activation}`;
  }
}
