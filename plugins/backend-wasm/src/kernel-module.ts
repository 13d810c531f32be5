import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/** The functions the compiled kernel module exports (assembly/index.ts); pointers are byte offsets. */
export interface KernelExports {
  heapBase(): number;
  readonly SCRATCH_FLOATS: WebAssembly.Global;
  gemmBlock(a: number, b: number, c: number, m: number, k: number, n: number, transA: number, transB: number,
    i0: number, i1: number, j0: number, j1: number, scratch: number, bias: number, relu: number): void;
  unary(op: number, x: number, out: number, n: number, alpha: number): void;
  binary(op: number, mode: number, a: number, b: number, out: number, n: number, cols: number, inner: number): void;
  reduce(op: number, x: number, outer: number, axisLen: number, inner: number, out: number): void;
  softmax(x: number, rows: number, cols: number, out: number): void;
  logSoftmax(x: number, rows: number, cols: number, out: number): void;
  softmaxCrossEntropy(logits: number, labels: number, rows: number, cols: number, loss: number, probs: number): void;
  transposeLast2(x: number, batch: number, rows: number, cols: number, out: number): void;
  swapOuter(x: number, a: number, b: number, inner: number, out: number, i0: number, i1: number): void;
  im2col(x: number, geom: number, out: number, row0: number, row1: number): void;
  col2im(cols: number, geom: number, out: number, b0: number, b1: number): void;
  maxPool2d(x: number, geom: number, out: number, argmax: number, p0: number, p1: number): void;
  maxPool2dGrad(dy: number, argmax: number, dx: number, outPlane: number, inPlane: number, p0: number, p1: number): void;
  avgPool2d(x: number, geom: number, out: number, backward: number): void;
  runChunks(control: number, scratch: number, gen: number): void;
  adam(p: number, g: number, m: number, v: number, n: number, lr: number, beta1: number, beta2: number, eps: number, step: number, weightDecay: number): void;
}

/** Where the compiled module lives: `wasm/` beside `src/` and `dist/`, so both resolve it. */
export const KERNELS_WASM_URL = new URL('../wasm/kernels.wasm', import.meta.url);

/**
 * Compiles the kernel module synchronously (Node allows synchronous compilation of any size), so a
 * backend can start inside the synchronous `create` of its descriptor.
 *
 * By default V8 compiles a WebAssembly function on its first call with its baseline compiler
 * (Liftoff) and re-compiles it with its optimising one (TurboFan) once it is hot. For these kernels
 * that meant seconds of baseline code, and the helper thread's half of a product lagging behind: an
 * n=512 product measured 20 GFLOP/s on two threads against 27 on one. So the module is compiled
 * whole by TurboFan up front (about 50 ms, once per process); two threads then reach 42-55 GFLOP/s.
 * The flags hold for this compilation only and are put back afterwards (unless the process was
 * started with them), so other modules in the process keep V8's defaults.
 */
export function compileKernelModule(): WebAssembly.Module {
  setFlagsFromString('--no-liftoff');
  setFlagsFromString('--no-wasm-lazy-compilation');
  try {
    return new WebAssembly.Module(readFileSync(KERNELS_WASM_URL));
  } finally {
    for (const flag of ['liftoff', 'wasm-lazy-compilation']) {
      if (!process.execArgv.includes(`--no-${flag}`)) setFlagsFromString(`--${flag}`);
    }
  }
}

/** Instantiates the module on a shared memory; each thread makes its own instance. */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}
