import type { LayerSpec } from '@hyperspec/core';

/** Layers whose output is a hidden representation a model-wide regularizer acts on. */
const HIDDEN = new Set(['dense', 'conv2d']);
const POOLING = new Set(['max_pool2d', 'avg_pool2d']);

/**
 * Inserts `make()` after every hidden layer — every dense or conv2d layer except the last dense one
 * (the output) — placed after the pooling that follows a conv layer. A layer of the inserted type
 * already written there wins (per-layer settings override model-wide ones).
 */
export function insertAfterHidden(layers: readonly LayerSpec[], type: string, make: () => LayerSpec): LayerSpec[] {
  let lastDense = -1;
  layers.forEach((l, i) => {
    if (l.type === 'dense') lastDense = i;
  });
  const out: LayerSpec[] = [];
  for (let i = 0; i < layers.length; i++) {
    out.push(layers[i]);
    if (!HIDDEN.has(layers[i].type) || i === lastDense) continue;
    // Skip past the pooling of a conv block, then past any explicit layer of the same type.
    while (i + 1 < layers.length && POOLING.has(layers[i + 1].type)) out.push(layers[++i]);
    if (i + 1 < layers.length && layers[i + 1].type === type) continue;
    out.push(make());
  }
  return out;
}
