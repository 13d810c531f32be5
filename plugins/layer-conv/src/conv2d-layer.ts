import { HyperspecError, type Layer, type LayerContext, type Parameter } from '@hyperspec/core';
import { ACTIVATIONS, conv2d, conv2dGeometry, conv2dMaxPool, formatShape, reluMaxPool2d, type Tensor } from '@hyperspec/core/tensor';

export type ConvActivation = keyof typeof ACTIVATIONS;

export interface Conv2dLayerOptions {
  filters: number;
  kernel_size: number;
  stride: number;
  padding: 'valid' | 'same';
  use_bias: boolean;
  activation: ConvActivation;
  kernel_initializer: string;
}

/**
 * y = activation(conv2d(x, W) + b) over NCHW images, W [filters, channels, k, k]. The output shape is
 * worked out when the layer is built, so a kernel that does not fit fails then, at the layer's path.
 */
export class Conv2dLayer implements Layer {
  readonly outputShape: readonly number[];
  /** Forward uses core ops only: a training step through it can be captured and replayed. */
  readonly capturable = true;
  private readonly weight: Parameter;
  private readonly bias: Parameter | null;

  constructor(private readonly options: Conv2dLayerOptions, ctx: LayerContext) {
    const { filters, kernel_size: k, stride, padding } = options;
    const location = { path: ctx.path };
    if (ctx.inputShape.length !== 3) {
      throw new HyperspecError('shape', `conv2d expects image samples [channels, height, width], got ${formatShape(ctx.inputShape)}`, {
        location,
        hint: ctx.inputShape.length === 2 ? 'give the images a channel axis, e.g. [1, height, width]' : 'convolution layers need image-shaped data and must come before flatten/dense layers',
      });
    }
    const [channels, height, width] = ctx.inputShape;
    if (padding === 'valid' && (k > height || k > width)) {
      throw new HyperspecError('shape', `conv2d: a ${k}×${k} kernel does not fit input ${formatShape(ctx.inputShape)} with padding 'valid' (the image is ${height}×${width})`, {
        location,
        hint: "use padding: same, a smaller kernel_size, or less pooling before this layer",
      });
    }
    const g = conv2dGeometry('conv2d', [1, ...ctx.inputShape], k, k, stride, padding);
    this.outputShape = [filters, g.outH, g.outW];

    const shape = [filters, channels, k, k];
    const w = new Float32Array(filters * channels * k * k);
    // PyTorch's fans for a conv weight: each output sees channels·k·k inputs.
    ctx.initializer(options.kernel_initializer).fill(w, shape, { fanIn: channels * k * k, fanOut: filters * k * k }, ctx.rng);
    this.weight = { name: 'weight', value: ctx.engine.variable(w, shape), decay: true };
    this.bias = options.use_bias ? { name: 'bias', value: ctx.engine.variable(new Float32Array(filters), [filters]), decay: false } : null;
  }

  forward(x: Tensor): Tensor {
    const { stride, padding, activation } = this.options;
    const w = this.weight.value;
    const b = this.bias?.value ?? null;
    // ReLU (and no activation) go into the conv op, which fuses them where a backend can.
    if (activation === 'relu' || activation === 'linear') return conv2d(x, w, b, { stride, padding, activation });
    return ACTIVATIONS[activation](conv2d(x, w, b, { stride, padding }));
  }

  parameters(): Parameter[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  /**
   * At inference, a max pooling right after this layer is computed with it (conv2dMaxPool: each
   * image's output pooled while in cache). Only for ReLU or no activation, which the op applies itself.
   */
  fuseNext(next: Layer): Layer | undefined {
    const pool = next.pool2d;
    const { stride, padding, activation } = this.options;
    if (pool?.mode !== 'max' || (activation !== 'relu' && activation !== 'linear')) return undefined;
    const w = this.weight.value;
    const b = this.bias?.value ?? null;
    const windows = { kernel: pool.kernel, stride: pool.stride };
    return {
      outputShape: next.outputShape,
      forward: (x: Tensor) => conv2dMaxPool(x, w, b, { stride, padding, activation }, windows),
      parameters: () => [],
      describe: () => `${this.describe()} + ${next.describe?.() ?? 'max_pool2d'}`,
    };
  }

  /**
   * In training, with ReLU, a max pooling right after this layer reads the convolution's output and
   * ReLU runs on the pooled values (reluMaxPool2d): the full-size ReLU output is neither written nor
   * read back, and the backward is one gated scatter — the same values and gradients as the two layers.
   */
  fuseNextInTraining(next: Layer): Layer | undefined {
    const pool = next.pool2d;
    const { stride, padding, activation } = this.options;
    if (pool?.mode !== 'max' || activation !== 'relu') return undefined;
    const w = this.weight.value;
    const b = this.bias?.value ?? null;
    const windows = { kernel: pool.kernel, stride: pool.stride };
    return {
      outputShape: next.outputShape,
      forward: (x: Tensor) => reluMaxPool2d(conv2d(x, w, b, { stride, padding }), windows),
      parameters: () => [],
      describe: () => `${this.describe()} + ${next.describe?.() ?? 'max_pool2d'}`,
    };
  }

  describe(): string {
    const { filters, kernel_size: k, stride, padding, activation } = this.options;
    return `conv2d ${filters} ${k}×${k}${stride > 1 ? `/${stride}` : ''} ${padding}${activation === 'linear' ? '' : ', ' + activation}${this.bias ? '' : ', no bias'}`;
  }
}
