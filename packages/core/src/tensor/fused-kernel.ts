import type { Backend } from './backend.js';

/**
 * A kernel that is not part of the closed `Kernels` table: a backend may provide it for speed, and the
 * code that uses it (an op in core, an optimizer plugin) declares it — its name and its signature —
 * and falls back to plain kernels when the backend has none. The backend provides it in `fused`
 * under the declared name; core and plugins look it up with `fusedKernel`.
 */
export interface FusedKernel<F extends (...args: never[]) => void> {
  readonly name: string;
  /** Carries the signature for the type checker only; never set. */
  readonly signature?: F;
}

/** Declares a fused kernel by name (snake_case, e.g. `adam_update`). */
export function declareFusedKernel<F extends (...args: never[]) => void>(name: string): FusedKernel<F> {
  return { name };
}

/** The backend's implementation of `kernel`, or undefined when it has none. */
export function fusedKernel<F extends (...args: never[]) => void>(backend: Pick<Backend, 'fused'>, kernel: FusedKernel<F>): F | undefined {
  return backend.fused?.[kernel.name] as F | undefined;
}
