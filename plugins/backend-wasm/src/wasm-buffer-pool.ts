import type { WasmHeap } from './wasm-heap.js';

/**
 * Recycles Float32Array views of the wasm memory by length. A training step asks for the same sizes
 * every time, so in steady state every request is served from the pool: no new views, no growth.
 */
export class WasmBufferPool {
  private readonly free = new Map<number, Float32Array[]>();
  private liveCount = 0;
  private createdCount = 0;
  private pooledCount = 0;

  constructor(private readonly heap: WasmHeap) {}

  alloc(size: number): Float32Array {
    this.liveCount++;
    const list = this.free.get(size);
    if (list && list.length) {
      this.pooledCount--;
      return list.pop()!;
    }
    this.createdCount++;
    return this.heap.floats(size);
  }

  release(buffer: Float32Array): void {
    this.liveCount--;
    // A foreign array (not a view of our memory) is dropped rather than handed out later.
    if (!this.heap.owns(buffer)) return;
    this.pooledCount++;
    let list = this.free.get(buffer.length);
    if (!list) {
      list = [];
      this.free.set(buffer.length, list);
    }
    list.push(buffer);
  }

  stats(): { live: number; created: number; pooled: number } {
    return { live: this.liveCount, created: this.createdCount, pooled: this.pooledCount };
  }
}
