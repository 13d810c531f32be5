// Entry point of the kernel module: every export is a kernel the host calls with byte offsets into
// the shared memory it imports. Nothing here allocates; the host owns all memory layout.
export { gemmBlock, packWhole, SCRATCH_FLOATS, MR, NR } from './gemm';
export { fill } from './memory-ops';
export { unary, binary } from './elementwise';
export { reduce, softmax, logSoftmax, softmaxCrossEntropy, transposeLast2 } from './reduce';
export { im2col, col2im, swapOuter, maxPool2d, maxPool2dGrad, avgPool2d } from './conv';
export { adam } from './optimizer';
export { maxPool2x2Forward } from './pool-forward';
export { reluMaxPool2x2, reluMaxPoolGrad, reluMaxPool2x2Grad } from './relu-pool';
export { packDenseWeights, packedDenseFloats, denseRowsPacked, denseChainRows } from './dense-packed';
export { convForwardImages } from './conv-forward';
export { winogradWeights, winogradImages, winogradWorkFloats } from './winograd';
export { winogradWeightGradImages, winogradWeightGradSum, winogradWeightGradWorkFloats } from './winograd-weight-grad';
export { convWeightGradImages, convWeightGradSum, weightGradImageFloats, weightGradBlockImages, WEIGHT_GRAD_MAX_OUT } from './conv-weight-grad';
export { workerLoop, runChunks } from './threads';

/** First byte the host may use: everything below holds the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
