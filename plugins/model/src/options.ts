import { HyperspecError } from '@hyperspec/core';
import { ACTIVATION_NAMES } from '@hyperspec/core/tensor';

export const activationSchema = { enum: ACTIVATION_NAMES.filter((a) => a !== 'softmax'), default: 'relu', description: 'Activation of every hidden layer' };

/** A per-layer value: one number for every layer, or a list with one entry per layer. */
export function intOrList(description: string, minimum: number, maximum: number | undefined, dflt: number) {
  const item = { type: 'integer', minimum, ...(maximum !== undefined ? { maximum } : {}) };
  return { oneOf: [item, { type: 'array', items: item, minItems: 1 }], default: dflt, description };
}

/** Expands a number-or-list option to one value per layer, checking a list's length. */
export function perLayer(value: number | number[], count: number, path: string, countKey: string): number[] {
  if (!Array.isArray(value)) return new Array<number>(count).fill(value);
  if (value.length !== count) {
    throw new HyperspecError('spec', `has ${value.length} entries but ${countKey} is ${count}`, {
      location: { path },
      hint: `give one number for every layer, or a list of exactly ${count}`,
    });
  }
  return value;
}

/** He initialisation suits the ReLU family; Glorot the saturating activations. */
export function initializerFor(activation: string): string {
  return ['relu', 'leaky_relu', 'elu', 'gelu'].includes(activation) ? 'he_uniform' : 'glorot_uniform';
}
