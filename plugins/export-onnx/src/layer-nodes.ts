import { HyperspecError } from '@hyperspec/core';
import { conv2dGeometry, isActivationName } from '@hyperspec/core/tensor';
import { type BundleLayer } from '@hyperspec/core/bundle';
import { type NamedArray } from '@hyperspec/core/run';
import type { GraphBuilder } from './graph-builder.js';

/** Parameters of layer `i` by their short name (`weight`, `bias`, `running_mean`, ...). */
export type LayerArrays = (name: string) => NamedArray;

/** Adds an activation by the name a layer's options use (`linear` adds nothing). */
export function activationNodes(g: GraphBuilder, x: string, name: string, alpha?: number): string {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return g.op('Relu', [x]);
    case 'sigmoid':
      return g.op('Sigmoid', [x]);
    case 'tanh':
      return g.op('Tanh', [x]);
    case 'softplus':
      return g.op('Softplus', [x]);
    case 'softmax':
      return g.op('Softmax', [x], { axis: -1 });
    case 'leaky_relu':
      return g.op('LeakyRelu', [x], { alpha: alpha ?? 0.01 }, ['alpha']);
    case 'elu':
      return g.op('Elu', [x], { alpha: alpha ?? 1 }, ['alpha']);
    case 'gelu': {
      // The tanh approximation (Hendrycks & Gimpel 2016), as hyperspec computes it:
      // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
      const c = (v: number) => g.floats('c', [v], []);
      const cube = g.op('Mul', [g.op('Mul', [x, x]), x]);
      const inner = g.op('Mul', [g.op('Add', [x, g.op('Mul', [cube, c(0.044715)])]), c(Math.sqrt(2 / Math.PI))]);
      return g.op('Mul', [g.op('Mul', [x, c(0.5)]), g.op('Add', [g.op('Tanh', [inner]), c(1)])]);
    }
    default:
      throw new HyperspecError('usage', `ONNX export: activation "${name}" has no ONNX translation`);
  }
}

/**
 * Adds one layer (NCHW throughout, as hyperspec computes): dense → Gemm (MatMul without a bias),
 * conv2d → Conv with explicit pads (hyperspec's 'same' is TensorFlow's: the smaller half of the padding
 * on top/left), pooling → MaxPool/AveragePool, flatten → Flatten, batch_norm → BatchNormalization in
 * inference form (running statistics), dropout → nothing (identity at inference), activation layers.
 */
export function layerNodes(g: GraphBuilder, x: string, layer: BundleLayer, inputShape: readonly number[], arrays: LayerArrays, index: number): string {
  const o = layer.options as Record<string, never>;
  const param = (name: string) => {
    const a = arrays(name);
    return g.floats(`l${index}_${name}`, a.data, a.shape);
  };
  // An activation layer is named after its activation (core's list, so a new one cannot be missed here).
  if (isActivationName(layer.type)) return activationNodes(g, x, layer.type, o.alpha);
  switch (layer.type) {
    case 'dense': {
      const y = o.use_bias ? g.op('Gemm', [x, param('weight'), param('bias')]) : g.op('MatMul', [x, param('weight')]);
      return activationNodes(g, y, o.activation);
    }
    case 'conv2d': {
      const k = o.kernel_size as number;
      const geometry = conv2dGeometry('conv2d', [1, ...inputShape], k, k, o.stride, o.padding);
      const padBottom = Math.max((geometry.outH - 1) * geometry.strideH + k - geometry.h - geometry.padTop, 0);
      const padRight = Math.max((geometry.outW - 1) * geometry.strideW + k - geometry.w - geometry.padLeft, 0);
      const inputs = [x, param('weight'), ...(o.use_bias ? [param('bias')] : [])];
      const y = g.op('Conv', inputs, { kernel_shape: [k, k], strides: [o.stride, o.stride], pads: [geometry.padTop, geometry.padLeft, padBottom, padRight] });
      return activationNodes(g, y, o.activation);
    }
    case 'max_pool2d':
    case 'avg_pool2d': {
      const k = o.pool_size as number;
      const s = (o.stride as number | undefined) ?? k;
      return g.op(layer.type === 'max_pool2d' ? 'MaxPool' : 'AveragePool', [x], { kernel_shape: [k, k], strides: [s, s], pads: [0, 0, 0, 0] });
    }
    case 'flatten':
      return inputShape.length > 1 ? g.op('Flatten', [x], { axis: 1 }) : x;
    case 'dropout':
      return x;
    case 'batch_norm':
      return g.op('BatchNormalization', [x, param('gamma'), param('beta'), param('running_mean'), param('running_var')], { epsilon: o.eps }, ['epsilon']);
    default:
      throw new HyperspecError('usage', `ONNX export: layer ${index} (${layer.type}${layer.path ? ` at ${layer.path}` : ''}) has no ONNX translation`, {
        hint: 'the exporter knows dense, conv2d, max/avg pooling, flatten, dropout, batch_norm and the activation layers',
      });
  }
}
