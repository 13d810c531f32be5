import { declareFusedKernel } from '@hyperspec/core/tensor';

/**
 * One Adam step over flat arrays, in place (Kingma & Ba 2015, PyTorch's arrangement):
 * g ← grad + weightDecay·param; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 * param ← param − lr/(1−β1^step) · m / (√v/√(1−β2^step) + eps). Called once per parameter per training
 * step; `step` counts from 1. Fastest when all four arrays came from the backend's `alloc`. With
 * `zeroGrad`, grad is also set to zero once read: a caller that zeroes the gradients after the update
 * then needs no second pass over them (on the wasm backend, a fill that read them back from memory).
 */
export type AdamUpdate = (param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array,
  lr: number, beta1: number, beta2: number, eps: number, step: number, weightDecay: number, zeroGrad?: boolean) => void;

/** The optional fused kernel a backend may provide (the wasm backend does); this plugin declares it. */
export const adamUpdateKernel = declareFusedKernel<AdamUpdate>('adam_update');
