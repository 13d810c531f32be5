import { readFileSync } from 'node:fs';
import { withV8Flags } from './v8-flags.js';

/** The functions the compiled kernel module exports (assembly/index.ts); pointers are byte offsets. */
export interface KernelExports {
  heapBase(): number;
  readonly SCRATCH_FLOATS: WebAssembly.Global;
  /** Rows of the gemm register tile (6 in the relaxed-SIMD module, 4 in the plain one; assembly/gemm-tile.ts). */
  readonly MR: WebAssembly.Global;
  /** Columns of the gemm register tile. */
  readonly NR: WebAssembly.Global;
  gemmBlock(a: number, b: number, c: number, m: number, k: number, n: number, transA: number, transB: number,
    i0: number, i1: number, j0: number, j1: number, scratch: number, bias: number, relu: number, nchw: number, positions: number,
    accumulate: number, packedA: number, packedB: number): void;
  /** Packs rows [start, end) of op(A) (which = 0) or columns of op(B) (1) at dst as gemmBlock's panels. */
  packWhole(which: number, src: number, trans: number, m: number, k: number, n: number, dst: number, nchw: number, positions: number, start: number, end: number): void;
  fill(ptr: number, n: number, value: number): void;
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
  /** Floats of a dense weight [k×n] packed by packDenseWeights (assembly/dense-packed.ts). */
  packedDenseFloats(k: number, n: number): number;
  packDenseWeights(w: number, k: number, n: number, dst: number): void;
  maxPool2x2Forward(x: number, out: number, h: number, w: number, outH: number, outW: number, p0: number, p1: number): void;
  reluMaxPool2x2(z: number, out: number, argmax: number, h: number, w: number, outH: number, outW: number, p0: number, p1: number): void;
  reluMaxPoolGrad(dy: number, out: number, argmax: number, dz: number, outPlane: number, inPlane: number, p0: number, p1: number): void;
  reluMaxPool2x2Grad(dy: number, out: number, argmax: number, dz: number, h: number, w: number, outH: number, outW: number, p0: number, p1: number): void;
  convForwardImages(x: number, geom: number, w: number, packedW: number, bias: number, out: number, outC: number, relu: number, pool: number, b0: number, b1: number, cols: number, scratch: number): void;
  winogradWeights(w: number, outC: number, c: number, flip: number, u: number, packed: number, rowsPadded: number): void;
  winogradImages(x: number, geom: number, packedU: number, rowsPadded: number, bias: number, out: number, outC: number, relu: number, pool: number,
    group: number, b0: number, b1: number, work: number, scratch: number): void;
  winogradWorkFloats(geom: number, outC: number, pool: number, group: number): number;
  /** Most output channels convWeightGradImages takes. */
  readonly WEIGHT_GRAD_MAX_OUT: WebAssembly.Global;
  convWeightGradImages(x: number, geom: number, dy: number, outC: number, b0: number, b1: number, partial: number, scratch: number, image: number): void;
  convWeightGradSum(partials: number, count: number, stride: number, c: number, window: number, outC: number, dw: number): void;
  weightGradImageFloats(geom: number): number;
  weightGradBlockImages(positions: number): number;
  winogradWeightGradImages(x: number, geom: number, dy: number, outC: number, group: number, b0: number, b1: number, work: number, scratch: number): void;
  winogradWeightGradSum(work: number, count: number, stride: number, outC: number, c: number, dw: number): void;
  winogradWeightGradWorkFloats(geom: number, outC: number, group: number): number;
  denseRowsPacked(x: number, pw: number, bias: number, out: number, m: number, k: number, n: number, relu: number, i0: number, i1: number, scratch: number): void;
  /** Rows i0..i1 of every layer of a chain (a table of DENSE_CHAIN_STRIDE ints per layer, src/kernel-abi.ts). */
  denseChainRows(table: number, layers: number, m: number, i0: number, i1: number, scratch: number): void;
  adam(p: number, g: number, m: number, v: number, n: number, lr: number, beta1: number, beta2: number, eps: number, step: number, weightDecay: number,
    zeroGrad: number): void;
}

/**
 * The two builds of assembly/ (scripts/build-wasm.mjs): `simd` uses WebAssembly SIMD only;
 * `relaxed-simd` computes its multiply-adds with f32x4.relaxed_madd, an FMA on x64.
 */
export type KernelModuleKind = 'simd' | 'relaxed-simd';

/** Where the compiled modules live: `wasm/` beside `src/` and `dist/`, so both resolve them. */
export const KERNELS_WASM_URL = new URL('../wasm/kernels.wasm', import.meta.url);
export const KERNELS_RELAXED_WASM_URL = new URL('../wasm/kernels-relaxed.wasm', import.meta.url);

/** The V8 flag that turns on relaxed SIMD in Node 20 (V8 11.3), where it is still experimental. */
export const RELAXED_SIMD_FLAG = 'experimental-wasm-relaxed-simd';

/**
 * Compiles a kernel module synchronously (Node allows synchronous compilation of any size), so a
 * backend can start inside the synchronous `create` of its descriptor.
 *
 * By default V8 compiles a WebAssembly function on its first call with its baseline compiler
 * (Liftoff) and re-compiles it with its optimising one (TurboFan) once it is hot. For these kernels
 * that meant seconds of baseline code, and the helper thread's half of a product lagging behind: an
 * n=512 product measured 20 GFLOP/s on two threads against 27 on one. So the module is compiled
 * whole by TurboFan up front (about 50 ms, once per process); two threads then reach 42-55 GFLOP/s.
 * The relaxed module also needs relaxed SIMD switched on while it is validated and compiled; compiled
 * eagerly, nothing of it is compiled again later, and the helper threads instantiate the same compiled
 * module. The flags hold for this compilation only (src/v8-flags.ts).
 */
export function compileKernelModule(kind: KernelModuleKind): WebAssembly.Module {
  const flags = ['no-liftoff', 'no-wasm-lazy-compilation'];
  if (kind === 'relaxed-simd') flags.push(RELAXED_SIMD_FLAG);
  const bytes = readFileSync(kind === 'relaxed-simd' ? KERNELS_RELAXED_WASM_URL : KERNELS_WASM_URL);
  return withV8Flags(flags, () => new WebAssembly.Module(bytes));
}

/** Instantiates the module on a shared memory; each thread makes its own instance. */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}
