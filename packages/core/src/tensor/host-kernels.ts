/**
 * Kernels that core runs in JavaScript on backend buffers: small fills and copies and the few loops
 * that have no entry in a backend's `Kernels` table. Ops call them through `engine.host(kernel, ...)`
 * rather than directly, so that a captured step records them with the backend's kernels and replays
 * them in order. Each one reads its inputs when it runs (never a value read earlier by the op), so a
 * replay computes from the step's current data.
 */

/** out[i] = value. */
export function fillKernel(out: Float32Array, value: number): void {
  out.fill(value);
}

/** out = the first out.length values of src. */
export function copyKernel(src: Float32Array, out: Float32Array): void {
  out.set(src.length === out.length ? src : src.subarray(0, out.length));
}

/** out = a copy of `values`, taken when the op ran (a constant of the step). */
export function constantKernel(values: Float32Array, out: Float32Array): void {
  out.set(values);
}

/** out[i] = x[i]·c. */
export function scaleKernel(x: Float32Array, c: number, out: Float32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = x[i] * c;
}
