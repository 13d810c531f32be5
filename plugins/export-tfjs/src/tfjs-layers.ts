import { HyperspecError } from '@hyperspec/core';
import { type BundleLayer } from '@hyperspec/core/bundle';
import { isActivationName } from '@hyperspec/core/tensor';
import { type NamedArray } from '@hyperspec/core/run';

/** One Keras-style layer of a TF.js layers model, with its weights in manifest order. */
export interface TfjsLayer {
  class_name: string;
  config: Record<string, unknown>;
  weights: { name: string; shape: number[]; data: Float32Array }[];
}

/** The TF.js name of an activation that TF.js has as a string; the rest become layers. */
const ACTIVATION_NAMES: Record<string, string> = {
  linear: 'linear', relu: 'relu', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax', softplus: 'softplus',
};

/** [out, in, kh, kw] (hyperspec, PyTorch) → [kh, kw, in, out] (TF.js). */
function convKernel(w: NamedArray): { shape: number[]; data: Float32Array } {
  const [o, i, kh, kw] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let a = 0; a < o; a++) for (let b = 0; b < i; b++) for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) {
    out[((y * kw + x) * i + b) * o + a] = w.data[((a * i + b) * kh + y) * kw + x];
  }
  return { shape: [kh, kw, i, o], data: out };
}

/**
 * The TF.js layers of one hyperspec layer: Dense, Conv2D and pooling with `data_format: channels_first`
 * (TF.js transposes to NHWC inside, so the model keeps hyperspec's NCHW input), Flatten in the default
 * order (a plain reshape of C, H, W, as hyperspec flattens), BatchNormalization with the running
 * statistics (channels moved last around it for images), Dropout, and activations (a leaky ReLU or ELU after a dense/conv becomes its own layer).
 */
export function tfjsLayers(layer: BundleLayer, index: number, param: (name: string) => NamedArray): TfjsLayer[] {
  const o = layer.options as Record<string, never>;
  const name = `${layer.type}_${index}`;
  const activation = (act: string, alpha?: number): { inline: string; extra: TfjsLayer[] } => {
    if (ACTIVATION_NAMES[act]) return { inline: ACTIVATION_NAMES[act], extra: [] };
    if (act === 'leaky_relu') return { inline: 'linear', extra: [{ class_name: 'LeakyReLU', config: { name: `${name}_act`, alpha: alpha ?? 0.01 }, weights: [] }] };
    if (act === 'elu') {
      if ((alpha ?? 1) !== 1) {
        throw new HyperspecError('usage', `TF.js export: layer ${index} (${layer.type}) is an ELU with alpha ${alpha}; TF.js 4.22's ELU supports alpha 1 only`, { hint: 'export this model with --format onnx' });
      }
      return { inline: 'elu', extra: [] };
    }
    if (act === 'gelu') {
      // hyperspec's gelu is the tanh approximation, TF.js's "gelu_new"; but TF.js 4.22 turns every string
      // in a saved config into camelCase ("geluNew") when loading and then cannot find it, and its "gelu"
      // is the erf form (up to 4e-4 apart). No loadable layer computes it, so say so.
      throw new HyperspecError('usage', `TF.js export: layer ${index} (${layer.type}) uses gelu, which a TF.js layers model cannot load exactly (TF.js 4.22 fails to load its own tanh-approximation "gelu_new")`, {
        hint: 'export this model with --format onnx, or train it with another activation',
      });
    }
    throw new HyperspecError('usage', `TF.js export: activation "${act}" of layer ${index} has no TF.js translation`);
  };
  // An activation layer is named after its activation (core's list, so a new one cannot be missed here).
  if (isActivationName(layer.type)) {
    const a = activation(layer.type, o.alpha);
    return a.extra.length ? a.extra : [{ class_name: 'Activation', config: { name, activation: a.inline }, weights: [] }];
  }
  switch (layer.type) {
    case 'dense': {
      const a = activation(o.activation);
      const w = param('weight');
      const weights = [{ name: `${name}/kernel`, shape: [...w.shape], data: w.data }];
      if (o.use_bias) weights.push({ name: `${name}/bias`, shape: [...param('bias').shape], data: param('bias').data });
      return [{ class_name: 'Dense', config: { name, units: o.units, activation: a.inline, use_bias: o.use_bias }, weights }, ...a.extra];
    }
    case 'conv2d': {
      const a = activation(o.activation);
      const k = convKernel(param('weight'));
      const weights = [{ name: `${name}/kernel`, ...k }];
      if (o.use_bias) weights.push({ name: `${name}/bias`, shape: [...param('bias').shape], data: param('bias').data });
      const config = {
        name, filters: o.filters, kernel_size: [o.kernel_size, o.kernel_size], strides: [o.stride, o.stride], padding: o.padding,
        data_format: 'channels_first', dilation_rate: [1, 1], activation: a.inline, use_bias: o.use_bias,
      };
      return [{ class_name: 'Conv2D', config, weights }, ...a.extra];
    }
    case 'max_pool2d':
    case 'avg_pool2d': {
      const s = (o.stride as number | undefined) ?? o.pool_size;
      const config = { name, pool_size: [o.pool_size, o.pool_size], strides: [s, s], padding: 'valid', data_format: 'channels_first' };
      return [{ class_name: layer.type === 'max_pool2d' ? 'MaxPooling2D' : 'AveragePooling2D', config, weights: [] }];
    }
    case 'flatten':
      return [{ class_name: 'Flatten', config: { name }, weights: [] }];
    case 'dropout':
      return [{ class_name: 'Dropout', config: { name, rate: o.rate }, weights: [] }];
    case 'batch_norm': {
      const w = (key: string, tf: string) => ({ name: `${name}/${tf}`, shape: [...param(key).shape], data: param(key).data });
      const weights = [w('gamma', 'gamma'), w('beta', 'beta'), w('running_mean', 'moving_mean'), w('running_var', 'moving_variance')];
      const norm = { class_name: 'BatchNormalization', config: { name, axis: -1, epsilon: o.eps, momentum: 1 - o.momentum, center: true, scale: true }, weights };
      if (layer.output_shape.length === 1) return [norm];
      // TF.js's CPU batch-norm kernel indexes the statistics by the last axis whatever `axis` says, so
      // over NCHW images the channels are moved last and back (Permute is exact).
      return [
        { class_name: 'Permute', config: { name: `${name}_to_nhwc`, dims: [2, 3, 1] }, weights: [] },
        norm,
        { class_name: 'Permute', config: { name: `${name}_to_nchw`, dims: [3, 1, 2] }, weights: [] },
      ];
    }
    default:
      throw new HyperspecError('usage', `TF.js export: layer ${index} (${layer.type}${layer.path ? ` at ${layer.path}` : ''}) has no TF.js translation`, {
        hint: 'the exporter knows dense, conv2d, max/avg pooling, flatten, dropout, batch_norm and the activation layers',
      });
  }
}
