import { definePlugin, type ComponentDescriptor, type Parameter, type Regularizer } from '@hyperspec/core';
import { abs, mulScalar, square, sum, add, type Tensor } from '@hyperspec/core/tensor';

/** Σ f(w) over the parameters that take decay (weights, not biases), times `scale`. */
function penaltyOver(params: readonly Parameter[], f: (t: Tensor) => Tensor, scale: number): Tensor | null {
  let total: Tensor | null = null;
  for (const p of params) {
    if (!p.decay) continue;
    const s = sum(f(p.value));
    total = total ? add(total, s) : s;
  }
  return total ? mulScalar(total, scale) : null;
}

const rateSchema = (type: string, description: string) => ({
  $id: `hyperspec:regularizer/${type}`,
  type: 'object',
  properties: { rate: { type: 'number', minimum: 0, maximum: 10, description } },
  required: ['rate'],
  additionalProperties: false,
});

// ½·rate·Σw² has gradient rate·w: the same as PyTorch's `weight_decay=rate` for plain SGD.
const l2 = (type: 'weight_decay' | 'l2'): ComponentDescriptor<Regularizer, { rate: number }> => ({
  kind: 'regularizer',
  type,
  description: 'L2 penalty ½·rate·Σw² on weights (gradient rate·w, as weight_decay in PyTorch)',
  schema: rateSchema(type, 'Penalty strength λ (gradient λ·w)'),
  create: ({ rate }) => ({ penalty: (params) => (rate > 0 ? penaltyOver(params, square, rate / 2) : null), capturable: true }),
});

const l1: ComponentDescriptor<Regularizer, { rate: number }> = {
  kind: 'regularizer',
  type: 'l1',
  description: 'L1 penalty rate·Σ|w| on weights (drives weights to exactly zero)',
  schema: rateSchema('l1', 'Penalty strength λ'),
  create: ({ rate }) => ({ penalty: (params) => (rate > 0 ? penaltyOver(params, abs, rate) : null), capturable: true }),
};

export default definePlugin('@hyperspec/regularizer-penalties', [l2('weight_decay'), l2('l2'), l1]);
