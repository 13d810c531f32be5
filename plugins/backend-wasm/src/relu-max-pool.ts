import type { Conv2dGeometry, ReluMaxPool2d, ReluMaxPool2dGrad } from '@hyperspec/core/tensor';
import { cpuKernels } from '@hyperspec/backend-cpu';
import { guidedChunks } from './chunk-bounds.js';
import type { HelperThreads } from './helper-threads.js';
import { MAX_TASK_CHUNKS, OP_RELU_MAXPOOL, OP_RELU_MAXPOOL2X2_GRAD, OP_RELU_MAXPOOL_GRAD } from './kernel-abi.js';
import type { KernelExports } from './kernel-module.js';
import type { WasmHeap } from './wasm-heap.js';

/**
 * Core's `relu_max_pool2d` and `relu_max_pool2d_grad` (assembly/relu-pool.ts): max pooling of a
 * ReLU's input in training, ReLU applied to the maxima as they are stored (2×2 windows with stride 2
 * and no padding; other windows return false and the op runs the plain kernels), and its backward,
 * the scatter gated on the pooled output (any windows; 2×2 ones written window by window, without a
 * zeroing pass). The threads split the planes from
 * `splitWork` floats of the full-size array, as the plain pooling kernels do.
 */
export function reluMaxPool(wasm: KernelExports, heap: WasmHeap, helper: HelperThreads | null, splitWork: number): { forward: ReluMaxPool2d; backward: ReluMaxPool2dGrad } {
  const bounds = new Int32Array(MAX_TASK_CHUNKS + 1);
  const args: number[] = new Array<number>(8).fill(0);
  const threads = 1 + (helper?.count ?? 0);
  const split = (g: Conv2dGeometry, floats: number): number =>
    helper !== null && floats >= splitWork && g.n * g.c >= 2 && helper.available()
      ? guidedChunks(bounds, g.n * g.c, 1, Math.ceil(splitWork / 4 / (g.h * g.w)), threads)
      : 0;

  /** The windows the 2×2 kernels compute: 2×2, stride 2, no padding. */
  const twoByTwo = (g: Conv2dGeometry): boolean =>
    g.kh === 2 && g.kw === 2 && g.strideH === 2 && g.strideW === 2 && g.padTop === 0 && g.padLeft === 0 && 2 * g.outH <= g.h && 2 * g.outW <= g.w;

  const forward: ReluMaxPool2d = (z, g, out, argmax) => {
    if (!twoByTwo(g) || !heap.owns(z) || !heap.owns(out) || !heap.owns(argmax)) return false;
    const chunks = split(g, z.length);
    if (chunks) {
      args[0] = z.byteOffset; args[1] = out.byteOffset; args[2] = argmax.byteOffset;
      args[3] = g.h; args[4] = g.w; args[5] = g.outH; args[6] = g.outW;
      helper!.run(OP_RELU_MAXPOOL, args, NO_FLOATS, bounds, chunks);
    } else {
      wasm.reluMaxPool2x2(z.byteOffset, out.byteOffset, argmax.byteOffset, g.h, g.w, g.outH, g.outW, 0, g.n * g.c);
    }
    return true;
  };

  const backward: ReluMaxPool2dGrad = (dy, out, argmax, dz, g) => {
    const outPlane = g.outH * g.outW;
    const inPlane = g.h * g.w;
    if (!heap.owns(dy) || !heap.owns(out) || !heap.owns(argmax) || !heap.owns(dz)) {
      // Arrays outside the wasm memory: the reference kernels, gate then scatter.
      const gated = dy.map((v, i) => (out[i] > 0 ? v : 0));
      cpuKernels.maxPool2dGrad(gated, argmax, dz, g);
      return;
    }
    const chunks = split(g, dz.length);
    const windows = twoByTwo(g);
    args[0] = dy.byteOffset; args[1] = out.byteOffset; args[2] = argmax.byteOffset; args[3] = dz.byteOffset;
    if (windows) {
      args[4] = g.h; args[5] = g.w; args[6] = g.outH; args[7] = g.outW;
    } else {
      args[4] = outPlane; args[5] = inPlane;
    }
    if (chunks) {
      helper!.run(windows ? OP_RELU_MAXPOOL2X2_GRAD : OP_RELU_MAXPOOL_GRAD, args, NO_FLOATS, bounds, chunks);
    } else if (windows) {
      wasm.reluMaxPool2x2Grad(dy.byteOffset, out.byteOffset, argmax.byteOffset, dz.byteOffset, g.h, g.w, g.outH, g.outW, 0, g.n * g.c);
    } else {
      wasm.reluMaxPoolGrad(dy.byteOffset, out.byteOffset, argmax.byteOffset, dz.byteOffset, outPlane, inPlane, 0, g.n * g.c);
    }
  };
  return { forward, backward };
}

const NO_FLOATS: readonly number[] = [];
