import { HyperspecError, type Layer, type LayerContext, type Pool2dWindows } from '@hyperspec/core';
import { avgPool2d, formatShape, maxPool2d, pool2dGeometry, type Tensor } from '@hyperspec/core/tensor';

export interface Pool2dLayerOptions {
  pool_size: number;
  /** Defaults to pool_size (windows side by side). */
  stride?: number;
}

export type PoolMode = 'max' | 'avg';

/** Max or average over pool_size × pool_size windows of each channel, without padding. */
export class Pool2dLayer implements Layer {
  readonly outputShape: readonly number[];
  /** Forward uses core ops only: a training step through it can be captured and replayed. */
  readonly capturable = true;
  private readonly stride: number;
  /** Its windows, for a convolution before it that can pool as it computes (Layer.fuseNext). */
  readonly pool2d: Pool2dWindows;

  constructor(private readonly mode: PoolMode, private readonly options: Pool2dLayerOptions, ctx: LayerContext) {
    const type = `${mode}_pool2d`;
    const k = options.pool_size;
    this.stride = options.stride ?? k;
    this.pool2d = { mode, kernel: k, stride: this.stride };
    const location = { path: ctx.path };
    if (ctx.inputShape.length !== 3) {
      throw new HyperspecError('shape', `${type} expects image samples [channels, height, width], got ${formatShape(ctx.inputShape)}`, {
        location,
        hint: 'pooling layers need image-shaped data and must come before flatten/dense layers',
      });
    }
    const [, height, width] = ctx.inputShape;
    if (k > height || k > width) {
      throw new HyperspecError('shape', `${type}: a ${k}×${k} window does not fit input ${formatShape(ctx.inputShape)} (the image is ${height}×${width})`, {
        location,
        hint: 'use a smaller pool_size, padding: same in the convolutions before it, or fewer pooling layers',
      });
    }
    const g = pool2dGeometry(type, [1, ...ctx.inputShape], { kernel: k, stride: this.stride });
    this.outputShape = [ctx.inputShape[0], g.outH, g.outW];
  }

  forward(x: Tensor): Tensor {
    const options = { kernel: this.options.pool_size, stride: this.stride };
    return this.mode === 'max' ? maxPool2d(x, options) : avgPool2d(x, options);
  }

  parameters() {
    return [];
  }

  describe(): string {
    const k = this.options.pool_size;
    return `${this.mode}_pool2d ${k}×${k}${this.stride !== k ? `/${this.stride}` : ''}`;
  }
}
