/** Where packed copies (and other scratch buffers) come from and go back to: the backend's buffer pool. */
export interface Buffers {
  alloc(size: number): Float32Array;
  release(buffer: Float32Array): void;
}

/**
 * Packed copies of frozen weights (a loaded model's, which never change while their buffer lives), in
 * one product's panel layout: each made on first use and kept until the backend gets the weights'
 * buffer back (`forget`, called on every release). A buffer met again with other dimensions is packed
 * again.
 */
export class PackedWeights {
  private readonly copies = new Map<Float32Array, { rows: number; cols: number; data: Float32Array }>();

  constructor(
    private readonly buffers: Buffers,
    /** Floats the packed copy of a rows × cols matrix takes. */
    private readonly floats: (rows: number, cols: number) => number,
    /** Packs w (rows × cols) into dst. */
    private readonly pack: (w: Float32Array, rows: number, cols: number, dst: Float32Array) => void,
  ) {}

  /** The packed copy of w as a rows × cols matrix, packed now if there is none of these dimensions. */
  of(w: Float32Array, rows: number, cols: number): Float32Array {
    let p = this.copies.get(w);
    if (!p || p.rows !== rows || p.cols !== cols) {
      if (p) this.buffers.release(p.data);
      p = { rows, cols, data: this.buffers.alloc(this.floats(rows, cols)) };
      this.pack(w, rows, cols, p.data);
      this.copies.set(w, p);
    }
    return p.data;
  }

  /** Drops the packed copy of `buffer`, if it has one; called when the backend gets a buffer back. */
  forget(buffer: Float32Array): void {
    const p = this.copies.get(buffer);
    if (!p) return;
    this.copies.delete(buffer);
    this.buffers.release(p.data);
  }
}
