import { MAX_TASK_CHUNKS } from './kernel-abi.js';

// How a task shared by the threads is cut into chunks (the boundaries go into the control block,
// assembly/threads.ts): guided for long kernels, one equal block per thread for small products.

/**
 * Cuts [0, extent) into chunks for `threads` threads, writing the boundaries into `bounds` and
 * returning the number of chunks. Guided self-scheduling (Polychronopoulos & Kuck, IEEE Trans.
 * Computers 1987), halved: each chunk is 1/(2·threads) of what is left (a multiple of `unit`, at least
 * `least`), so the first claims are large and the last ones small, and the thread that finishes
 * first waits at most for a small chunk of another. (Two threads: a quarter of what is left.)
 */
export function guidedChunks(bounds: Int32Array, extent: number, unit: number, least: number, threads: number): number {
  const smallest = Math.ceil(least / unit) * unit;
  let chunks = 0;
  let at = 0;
  bounds[0] = 0;
  while (at < extent) {
    const size = chunks === MAX_TASK_CHUNKS - 1 ? extent - at : Math.max(smallest, Math.ceil((extent - at) / (2 * threads) / unit) * unit);
    at = Math.min(extent, at + size);
    bounds[++chunks] = at;
  }
  return chunks;
}

/**
 * Cuts [0, extent) into `parts` (at least 1) blocks of nearly equal length on multiples of `unit`,
 * writing the boundaries into `bounds`; returns the number of blocks (fewer when extent has fewer units).
 */
export function evenChunks(bounds: Int32Array, extent: number, unit: number, parts: number): number {
  const units = Math.ceil(extent / unit);
  const chunks = Math.max(1, Math.min(parts, units, MAX_TASK_CHUNKS));
  bounds[0] = 0;
  for (let i = 1; i < chunks; i++) bounds[i] = Math.round((units * i) / chunks) * unit;
  bounds[chunks] = extent;
  return chunks;
}
