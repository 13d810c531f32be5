import type { Conv2dGeometry, MaxPool2dForward } from '@hyperspec/core/tensor';
import type { HelperThreads } from './helper-threads.js';
import { MAX_TASK_CHUNKS, OP_MAXPOOL_FORWARD } from './kernel-abi.js';
import type { KernelExports } from './kernel-module.js';
import { guidedChunks } from './chunk-bounds.js';
import type { WasmHeap } from './wasm-heap.js';

/**
 * Max pooling's inference forward (assembly/pool-forward.ts): 2×2 windows with stride 2 and no
 * padding, the image models' pooling, without the argmax of the training kernel. Other windows
 * return false (the op then runs the training kernel). The threads split the planes from
 * `splitWork` input floats, as the training kernel's.
 */
export function maxPoolForward(wasm: KernelExports, heap: WasmHeap, helper: HelperThreads | null, splitWork: number): MaxPool2dForward {
  const bounds = new Int32Array(MAX_TASK_CHUNKS + 1);
  const args: number[] = new Array<number>(6).fill(0);
  const threads = 1 + (helper?.count ?? 0);
  return (x: Float32Array, g: Conv2dGeometry, out: Float32Array): boolean => {
    const windows = g.kh === 2 && g.kw === 2 && g.strideH === 2 && g.strideW === 2 && g.padTop === 0 && g.padLeft === 0;
    if (!windows || 2 * g.outH > g.h || 2 * g.outW > g.w || !heap.owns(x) || !heap.owns(out)) return false;
    const planes = g.n * g.c;
    if (helper !== null && x.length >= splitWork && planes >= 2 && helper.available()) {
      args[0] = x.byteOffset; args[1] = out.byteOffset; args[2] = g.h; args[3] = g.w; args[4] = g.outH; args[5] = g.outW;
      // Chunks of at least a quarter of the split threshold, as the training kernel's.
      helper.run(OP_MAXPOOL_FORWARD, args, NO_FLOATS, bounds, guidedChunks(bounds, planes, 1, Math.ceil(splitWork / 4 / (g.h * g.w)), threads));
    } else {
      wasm.maxPool2x2Forward(x.byteOffset, out.byteOffset, g.h, g.w, g.outH, g.outW, 0, planes);
    }
    return true;
  };
}

const NO_FLOATS: readonly number[] = [];
