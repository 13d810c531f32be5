import { HyperspecError } from '@hyperspec/core';
import { type Preprocessing, type PreprocessingStep } from '@hyperspec/core/data';
import type { GraphBuilder } from './graph-builder.js';

const size = (shape: readonly number[]) => shape.reduce((a, d) => a * d, 1);
const isScalar = (v: number | number[]) => typeof v === 'number';

/**
 * Adds the fitted preprocessing to the graph, so the model takes raw inputs [N, ...raw_shape]: affine →
 * Sub and Div, binarize → Greater and Cast, l2_normalize → ReduceL2 then Div (by at least 1e-30, so a
 * zero vector stays zero), one_hot → per column Equal against 0..k−1 and Cast, joined with the other
 * columns by Concat. Steps that act per position run on the flattened sample, reshaped back after.
 * Returns the name of the model input.
 */
export function preprocessingNodes(g: GraphBuilder, input: string, p: Preprocessing, inputShape: readonly number[]): string {
  const flat = p.raw_shape.length > 1 && p.steps.some((s) => s.op !== 'binarize' && !(s.op === 'affine' && isScalar(s.subtract) && isScalar(s.divide)));
  let x = flat ? g.op('Flatten', [input], { axis: 1 }) : input;
  let width = size(p.raw_shape);
  for (const step of p.steps) [x, width] = stepNodes(g, x, step, width);
  const rawRank = flat ? 1 : p.raw_shape.length;
  if (rawRank !== inputShape.length || flat) x = g.op('Reshape', [x, g.ints('shape', [-1, ...inputShape])]);
  return x;
}

function stepNodes(g: GraphBuilder, x: string, step: PreprocessingStep, width: number): [string, number] {
  switch (step.op) {
    case 'affine': {
      const constant = (prefix: string, v: number | number[]) => (typeof v === 'number' ? g.floats(prefix, [v], []) : g.floats(prefix, v, [v.length]));
      const all = (v: number | number[], value: number) => (typeof v === 'number' ? v === value : v.every((e) => e === value));
      let y = x;
      if (!all(step.subtract, 0)) y = g.op('Sub', [y, constant('subtract', step.subtract)]);
      if (!all(step.divide, 1)) y = g.op('Div', [y, constant('divide', step.divide)]);
      return [y, width];
    }
    case 'binarize':
      return [g.op('Cast', [g.op('Greater', [x, g.floats('zero', [0], [])])], { to: 1 }), width];
    case 'l2_normalize': {
      const norm = g.op('ReduceL2', [x], { axes: [1], keepdims: 1 });
      return [g.op('Div', [x, g.op('Max', [norm, g.floats('tiny', [1e-30], [])])]), width];
    }
    case 'one_hot': {
      const parts: string[] = [];
      let from = 0;
      const slice = (a: number, b: number) => g.op('Slice', [x, g.ints('starts', [a]), g.ints('ends', [b]), g.ints('axes', [1])]);
      let out = width;
      for (const { column, categories } of step.columns) {
        if (column > from) parts.push(slice(from, column));
        const codes = g.floats('categories', Array.from({ length: categories }, (_, k) => k), [1, categories]);
        parts.push(g.op('Cast', [g.op('Equal', [slice(column, column + 1), codes])], { to: 1 }));
        out += categories - 1;
        from = column + 1;
      }
      if (from < width) parts.push(slice(from, width));
      return [g.op('Concat', parts, { axis: 1 }), out];
    }
    default:
      throw new HyperspecError('usage', `ONNX export: the preprocessing step "${(step as { op: string }).op}" has no ONNX translation`);
  }
}
