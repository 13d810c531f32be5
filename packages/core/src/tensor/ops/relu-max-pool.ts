import { fusedKernel } from '../fused-kernel.js';
import type { Tensor } from '../tensor.js';
import { maxPool2dForwardKernel, pool2dGeometry, recordGatedPoolBackward, reluMaxPool2dKernel, type Pool2dOptions } from './pool2d.js';

/**
 * maxPool2d(relu(z)) in one pass over z: ReLU is monotonic, so the window maxima of relu(z) are
 * relu of the window maxima of z. The pooling reads z and ReLU runs on the pooled output only (a
 * quarter of z for 2×2 windows): the full-size ReLU output is never written nor read back.
 *
 * The backward is one scatter too: relu(z) has gradient dy at the window's argmax where that
 * maximum is > 0 (exactly where the pooled output is > 0), else 0 — so dy is gated on the pooled
 * output (small) and then scattered, instead of scattered into a full-size gradient that a second
 * pass gates on z. The values equal maxPool2d(relu(z))'s and its gradient's, bit for bit: where the
 * output is > 0 both pick the same first maximum of the window, and elsewhere both give 0.
 */
export function reluMaxPool2d(z: Tensor, options: Pool2dOptions): Tensor {
  const g = pool2dGeometry('max_pool2d', z.shape, options);
  const e = z.engine;
  const out = e.empty([g.n, g.c, g.outH, g.outW]);
  const needsGrad = e.gradEnabled && z.tracked;
  const forward = needsGrad ? undefined : fusedKernel(e.backend, maxPool2dForwardKernel);
  if (forward && forward(z.data, g, out.data)) {
    e.backend.kernels.unary('relu', out.data, out.data, 0);
    return out;
  }
  const fused = fusedKernel(e.backend, reluMaxPool2dKernel);
  const store = e.empty(out.shape);
  const argmax = new Int32Array(store.data.buffer, store.data.byteOffset, store.size);
  if (!fused?.(z.data, g, out.data, argmax)) {
    e.backend.kernels.maxPool2d(z.data, g, out.data, argmax);
    e.backend.kernels.unary('relu', out.data, out.data, 0);
  }
  if (needsGrad) return recordGatedPoolBackward(out, z, argmax, g);
  store.dispose();
  return out;
}
