import { HyperspecError } from '@hyperspec/core';

const PAGE_BYTES = 65536;
/** Cache-line alignment: every buffer starts on its own line, and f32x4 loads never straddle two. */
const ALIGN = 64;

/**
 * The wasm linear memory seen from JavaScript: a bump allocator that hands out Float32Array views.
 *
 * The memory is shared (a SharedArrayBuffer underneath), and a shared memory never detaches its old
 * buffers when it grows: it grows in place inside the address range reserved for its maximum, and
 * views made on the old, shorter SharedArrayBuffer keep pointing at the same bytes. So the heap can
 * grow at any time without re-deriving views; only new views use the new `memory.buffer`. Views
 * are recognised as ours by their buffer object (one per growth), so kernels can tell foreign arrays.
 */
export class WasmHeap {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private current: SharedArrayBuffer;
  private readonly buffers = new Set<ArrayBufferLike>();

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.top = alignUp(base);
    this.current = memory.buffer as unknown as SharedArrayBuffer;
    this.buffers.add(this.current);
  }

  /** Reserves `bytes` (aligned) and returns the byte offset; grows the memory when needed. */
  reserve(bytes: number): number {
    const at = this.top;
    const end = at + alignUp(bytes);
    if (end > this.current.byteLength) {
      const pages = Math.ceil((end - this.current.byteLength) / PAGE_BYTES);
      try {
        this.memory.grow(pages);
      } catch (cause) {
        throw new HyperspecError('numeric', `backend wasm: out of memory growing to ${Math.ceil(end / 2 ** 20)} MiB`, {
          hint: 'raise the backend option max_memory_mb, or use smaller batches',
          cause,
        });
      }
      this.current = this.memory.buffer as unknown as SharedArrayBuffer;
      this.buffers.add(this.current);
    }
    this.top = end;
    return at;
  }

  /** A new Float32Array view of `size` floats at a fresh offset. */
  floats(size: number): Float32Array {
    const at = this.reserve(size * 4);
    return new Float32Array(this.current, at, size);
  }

  /** A view of `size` i32 slots at a fresh offset (control blocks, geometry). */
  ints(size: number): Int32Array {
    const at = this.reserve(size * 4);
    return new Int32Array(this.current, at, size);
  }

  /** True when the array is a view into this memory (so kernels can take its byte offset). */
  owns(array: ArrayBufferView): boolean {
    return this.buffers.has(array.buffer);
  }

  /** Bytes of the memory in use by buffers and scratch. */
  get usedBytes(): number {
    return this.top;
  }
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
