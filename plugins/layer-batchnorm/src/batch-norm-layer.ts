import { HyperspecError, type ForwardContext, type Layer, type LayerContext, type Parameter } from '@hyperspec/core';
import { batchNorm, formatShape, type Tensor } from '@hyperspec/core/tensor';

export interface BatchNormLayerOptions {
  momentum: number;
  eps: number;
}

/**
 * Batch normalization per feature ([features] samples, 1-d) or per channel ([channels, height, width]
 * samples, 2-d). Training normalises with the batch statistics and moves the running averages;
 * inference uses the running averages, which are buffers saved with the model.
 */
export class BatchNormLayer implements Layer {
  readonly outputShape: readonly number[];
  /** Forward uses core ops only: a training step through it can be captured and replayed. */
  readonly capturable = true;
  private readonly gamma: Parameter;
  private readonly beta: Parameter;
  private readonly runningMean: Tensor;
  private readonly runningVar: Tensor;

  constructor(private readonly options: BatchNormLayerOptions, ctx: LayerContext) {
    const rank = ctx.inputShape.length;
    if (rank !== 1 && rank !== 3) {
      throw new HyperspecError('shape', `batch_norm expects samples [features] or [channels, height, width], got ${formatShape(ctx.inputShape)}`, {
        location: { path: ctx.path },
        hint: 'place it after a dense layer (1-d) or a conv2d/pooling layer (2-d)',
      });
    }
    this.outputShape = ctx.inputShape.slice();
    const channels = ctx.inputShape[0];
    // As in PyTorch: the scale starts at 1 and the shift at 0, so the layer starts as pure normalisation.
    this.gamma = { name: 'gamma', value: ctx.engine.variable(new Float32Array(channels).fill(1), [channels]), decay: false };
    this.beta = { name: 'beta', value: ctx.engine.variable(new Float32Array(channels), [channels]), decay: false };
    this.runningMean = ctx.engine.tensor(new Float32Array(channels), [channels]).keep();
    this.runningVar = ctx.engine.tensor(new Float32Array(channels).fill(1), [channels]).keep();
  }

  /** Called for every batch; in training it also updates the running mean and variance in place. */
  forward(x: Tensor, ctx: ForwardContext): Tensor {
    return batchNorm(x, this.gamma.value, this.beta.value, {
      training: ctx.training,
      momentum: this.options.momentum,
      eps: this.options.eps,
      runningMean: this.runningMean,
      runningVar: this.runningVar,
    });
  }

  parameters(): Parameter[] {
    return [this.gamma, this.beta];
  }

  buffers(): Record<string, Tensor> {
    return { running_mean: this.runningMean, running_var: this.runningVar };
  }

  describe(): string {
    return `batch_norm ${this.outputShape.length === 1 ? '1d' : '2d'} ${this.outputShape[0]}`;
  }
}
