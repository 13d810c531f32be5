import type { ArraySplit } from '../contracts/dataset.js';
import type { Engine } from '../tensor/engine.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * Copies the samples at `indices[start, end)` of a split into batch tensors [b, ...sampleShape] and
 * [b, ...targetShape]. The tensors come from the backend's pool, so steady-state batching allocates
 * nothing.
 */
export function gatherBatch(engine: Engine, split: ArraySplit, sampleShape: readonly number[], targetShape: readonly number[], indices: Int32Array | null, start: number, end: number): { x: Tensor; y: Tensor } {
  const b = end - start;
  const x = engine.empty([b, ...sampleShape]);
  const y = engine.empty(targetShape.length ? [b, ...targetShape] : [b]);
  fillBatch(x.data, y.data, split, indices, start, end);
  return { x, y };
}

/**
 * Copies the samples at `indices[start, end)` (or `start` to `end` without indices) into x and y,
 * which hold (end − start) samples each: `gatherBatch`'s copy, also used to refill a captured step's inputs.
 */
export function fillBatch(x: Float32Array, y: Float32Array, split: ArraySplit, indices: Int32Array | null, start: number, end: number): void {
  const b = end - start;
  if (b <= 0) return;
  const xSize = x.length / b;
  const ySize = y.length / b;
  for (let i = 0; i < b; i++) {
    const s = indices ? indices[start + i] : start + i;
    x.set(split.x.subarray(s * xSize, (s + 1) * xSize), i * xSize);
    if (ySize === 1) y[i] = split.y[s];
    else y.set(split.y.subarray(s * ySize, (s + 1) * ySize), i * ySize);
  }
}
