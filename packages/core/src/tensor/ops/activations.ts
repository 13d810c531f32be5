import type { Tensor } from '../tensor.js';
import { binaryRaw, scalarLike, unaryRaw } from './elementwise.js';

export function relu(x: Tensor): Tensor {
  const out = unaryRaw('relu', x);
  return x.engine.record(out, 'relu', [x], (dy) => [binaryRaw('gate', dy, x)]);
}

export function sigmoid(x: Tensor): Tensor {
  const out = unaryRaw('sigmoid', x);
  // σ' = σ(1 − σ)
  return x.engine.record(out, 'sigmoid', [x], (dy) => [binaryRaw('mul', dy, binaryRaw('mul', out, binaryRaw('sub', scalarLike(x, 1), out)))]);
}

export function tanh(x: Tensor): Tensor {
  const out = unaryRaw('tanh', x);
  // tanh' = 1 − tanh²
  return x.engine.record(out, 'tanh', [x], (dy) => [binaryRaw('mul', dy, binaryRaw('sub', scalarLike(x, 1), unaryRaw('square', out)))]);
}

export function leakyRelu(x: Tensor, alpha = 0.01): Tensor {
  const out = unaryRaw('leaky_relu', x, alpha);
  return x.engine.record(out, 'leaky_relu', [x], (dy) => [binaryRaw('mul', dy, unaryRaw('leaky_relu_grad', x, alpha))]);
}

export function elu(x: Tensor, alpha = 1): Tensor {
  const out = unaryRaw('elu', x, alpha);
  return x.engine.record(out, 'elu', [x], (dy) => [binaryRaw('mul', dy, unaryRaw('elu_grad', x, alpha))]);
}

/** GELU, tanh approximation (Hendrycks & Gimpel 2016), as PyTorch's `approximate='tanh'`. */
export function gelu(x: Tensor): Tensor {
  const out = unaryRaw('gelu', x);
  return x.engine.record(out, 'gelu', [x], (dy) => [binaryRaw('mul', dy, unaryRaw('gelu_grad', x))]);
}

export function softplus(x: Tensor): Tensor {
  const out = unaryRaw('softplus', x);
  return x.engine.record(out, 'softplus', [x], (dy) => [binaryRaw('mul', dy, unaryRaw('softplus_grad', x))]);
}

/** The activations a layer can name in a spec. */
export const ACTIVATIONS = {
  linear: (x: Tensor) => x,
  relu,
  sigmoid,
  tanh,
  leaky_relu: (x: Tensor) => leakyRelu(x, 0.01),
  elu: (x: Tensor) => elu(x, 1),
  gelu,
  softplus,
} as const;

export type ActivationName = keyof typeof ACTIVATIONS | 'softmax';
export const ACTIVATION_NAMES: readonly ActivationName[] = [...(Object.keys(ACTIVATIONS) as (keyof typeof ACTIVATIONS)[]), 'softmax'];

/** Whether a layer type or option value names an activation (an activation layer is named after it). */
export function isActivationName(name: string): name is ActivationName {
  return (ACTIVATION_NAMES as readonly string[]).includes(name);
}
