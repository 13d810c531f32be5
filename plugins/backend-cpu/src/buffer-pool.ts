/**
 * Recycles Float32Arrays by length. A training step asks for the same sizes every time, so after the
 * first step every request is served from the pool and the step allocates nothing.
 */
export class BufferPool {
  private readonly free = new Map<number, Float32Array[]>();
  private liveCount = 0;
  private createdCount = 0;
  private pooledCount = 0;

  alloc(size: number): Float32Array {
    this.liveCount++;
    const list = this.free.get(size);
    if (list && list.length) {
      this.pooledCount--;
      return list.pop()!;
    }
    this.createdCount++;
    return new Float32Array(size);
  }

  release(buffer: Float32Array): void {
    this.liveCount--;
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
