// Zeroing and copying with plain vector loads and stores instead of memory.fill / memory.copy.
// Why: the bulk-memory instructions check their range against the instance's cached memory size.
// When the main thread grows the shared memory, V8 updates the helper thread's instance only when
// that thread handles an interrupt, so a helper that picks up a task right after a growth could
// trap on a buffer in the new pages. Plain loads and stores have no such check to go stale.

/** Zeroes `bytes` bytes (a multiple of 4) at `ptr`. */
export function zeroBytes(ptr: usize, bytes: usize): void {
  const zero = i32x4.splat(0);
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(ptr + i, zero);
  for (; i < bytes; i += 4) store<i32>(ptr + i, 0);
}

/** Copies `bytes` bytes (a multiple of 4) from `src` to a non-overlapping `dst`. */
export function copyBytes(dst: usize, src: usize, bytes: usize): void {
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(dst + i, v128.load(src + i));
  for (; i < bytes; i += 4) store<i32>(dst + i, load<i32>(src + i));
}

/** Sets `n` floats at `ptr` to `value` (a gradient zeroed before a step: a host loop over shared memory is slow). */
export function fill(ptr: usize, n: i32, value: f32): void {
  const v = f32x4.splat(value);
  const bytes = <usize>n << 2;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(ptr + i, v);
  for (; i < bytes; i += 4) store<f32>(ptr + i, value);
}
