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
  const xSize = sampleShape.reduce((a, d) => a * d, 1);
  const ySize = targetShape.reduce((a, d) => a * d, 1);
  const x = engine.empty([b, ...sampleShape]);
  const y = engine.empty(targetShape.length ? [b, ...targetShape] : [b]);
  for (let i = 0; i < b; i++) {
    const s = indices ? indices[start + i] : start + i;
    x.data.set(split.x.subarray(s * xSize, (s + 1) * xSize), i * xSize);
    if (ySize === 1) y.data[i] = split.y[s];
    else y.data.set(split.y.subarray(s * ySize, (s + 1) * ySize), i * ySize);
  }
  return { x, y };
}
