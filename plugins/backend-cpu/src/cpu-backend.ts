import type { Backend, Kernels } from '@hyperspec/core/tensor';
import { BufferPool } from './buffer-pool.js';
import { avgPool2d, avgPool2dGrad, col2im, im2col, maxPool2d, maxPool2dGrad } from './conv.js';
import { binary, broadcastTo, unary } from './elementwise.js';
import { matmul } from './matmul.js';
import { matmulNchw } from './matmul-nchw.js';
import { reduce } from './reduce.js';
import { transpose } from './transpose.js';
import { logSoftmax, pick, pickGrad, softmax, softmaxCrossEntropy } from './softmax.js';

export const cpuKernels: Kernels = {
  matmul, matmulNchw, unary, binary, reduce, transpose, broadcastTo, softmax, logSoftmax, softmaxCrossEntropy,
  im2col, col2im, maxPool2d, maxPool2dGrad, avgPool2d, avgPool2dGrad, pick, pickGrad,
};

/** The reference backend: plain TypeScript loops over Float32Array, one thread. */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  readonly kernels = cpuKernels;
  private readonly pool = new BufferPool();

  alloc(size: number): Float32Array {
    return this.pool.alloc(size);
  }

  release(buffer: Float32Array): void {
    this.pool.release(buffer);
  }

  stats(): { live: number; created: number; pooled: number } {
    return this.pool.stats();
  }
}
