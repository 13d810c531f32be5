/** A small seeded generator (mulberry32), so failures reproduce. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A buffer of `size` values drawn uniformly from [lo, hi) by `rand`, allocated by the backend (so the kernels read it in place). */
export function randomBuffer(backend: { alloc(size: number): Float32Array }, rand: () => number, size: number, lo = -2, hi = 2): Float32Array {
  const a = backend.alloc(size);
  for (let i = 0; i < size; i++) a[i] = lo + (hi - lo) * rand();
  return a;
}
