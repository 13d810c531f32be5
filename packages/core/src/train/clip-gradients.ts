import type { ParameterSlot } from '../contracts/optimizer.js';
import { HyperspecError } from '../errors/hyperspec-error.js';

function requirePositive(fn: string, name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new HyperspecError('spec', `${fn}: ${name} must be a finite number > 0 (got ${value})`, {
      location: { path: 'train.gradient_clip' },
    });
  }
}

/**
 * Scales every gradient in place so that their global L2 norm (over all slots together) is at most
 * `maxNorm`, and returns the norm before clipping. The trainer calls it after backward, before the
 * optimizer step. Same semantics as PyTorch's `clip_grad_norm_` (norm_type 2): the scale is
 * `maxNorm / (norm + 1e-6)` clamped to 1, so a norm just below `maxNorm` is left alone and a
 * non-finite norm zeroes (or NaNs) the gradients rather than throwing.
 */
export function clipGradNorm(slots: readonly ParameterSlot[], maxNorm: number): number {
  requirePositive('clipGradNorm', 'maxNorm', maxNorm);
  let squares = 0;
  for (const slot of slots) {
    const g = slot.grad;
    for (let i = 0; i < g.length; i++) squares += g[i] * g[i];
  }
  const norm = Math.sqrt(squares);
  const scale = maxNorm / (norm + 1e-6);
  if (scale < 1 || Number.isNaN(scale)) {
    for (const slot of slots) {
      const g = slot.grad;
      for (let i = 0; i < g.length; i++) g[i] *= scale;
    }
  }
  return norm;
}

/**
 * Clamps every gradient element in place to [−value, value] (PyTorch's `clip_grad_value_`). The
 * trainer calls it after backward and before norm clipping and the optimizer step.
 */
export function clipGradValue(slots: readonly ParameterSlot[], value: number): void {
  requirePositive('clipGradValue', 'value', value);
  for (const slot of slots) {
    const g = slot.grad;
    for (let i = 0; i < g.length; i++) {
      // Written with comparisons so a NaN gradient stays NaN, as torch.clamp leaves it.
      if (g[i] > value) g[i] = value;
      else if (g[i] < -value) g[i] = -value;
    }
  }
}
