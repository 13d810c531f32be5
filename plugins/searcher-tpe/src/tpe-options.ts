import type { JsonSchema } from '@hyperspec/core';

/**
 * Options of the TPE searcher. Defaults follow Optuna's documented TPESampler defaults (gamma, prior
 * weight, magic clip, start-up trials, candidates), except the multivariate bandwidth — half of
 * Optuna's factor, floored at a fixed fraction instead of the magic clip, which measured clearly
 * better on every benchmark — the good group's kernels weighted by improvement, and per-kernel
 * bandwidths from a pilot density (Abramson's square-root law) (docs/search.md).
 */
export interface TpeOptions {
  n_startup_trials: number;
  n_ei_candidates: number;
  gamma: number;
  gamma_max: number;
  prior_weight: number;
  magic_clip: boolean;
  bandwidth_factor: number;
  min_bandwidth: number;
  adaptive_bandwidth: number;
  endpoints: boolean;
  multivariate: boolean;
  constant_liar: boolean;
  good_weights: 'improvement' | 'uniform';
  stack_share_l: number;
  stack_share_g: number;
}

export const TPE_DEFAULTS: TpeOptions = {
  n_startup_trials: 10,
  n_ei_candidates: 24,
  gamma: 0.1,
  gamma_max: 25,
  prior_weight: 1,
  magic_clip: true,
  bandwidth_factor: 0.1,
  min_bandwidth: 0.03,
  adaptive_bandwidth: 0.5,
  endpoints: false,
  multivariate: true,
  constant_liar: true,
  good_weights: 'improvement',
  stack_share_l: 0,
  stack_share_g: 0.15,
};

export const tpeSchema: JsonSchema = {
  $id: 'hyperspec:searcher/tpe',
  type: 'object',
  properties: {
    n_startup_trials: { type: 'integer', minimum: 0, maximum: 100000, default: 10, description: 'Random trials before the Parzen estimators are used' },
    n_ei_candidates: { type: 'integer', minimum: 1, maximum: 100000, default: 24, description: 'Candidates drawn from l(x); the one with the largest l(x)/g(x) is suggested' },
    gamma: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.1, description: 'Fraction of trials that form the "good" group l(x): ceil(gamma * n), at most gamma_max' },
    gamma_max: { type: 'integer', minimum: 1, maximum: 100000, default: 25, description: 'Largest size of the good group' },
    prior_weight: { type: 'number', minimum: 0, default: 1, description: 'Weight of the wide prior kernel in each mixture (0 disables it)' },
    magic_clip: { type: 'boolean', default: true, description: 'Univariate mode: bound kernel bandwidths below by range / min(100, 1 + kernels) (Bergstra et al. 2013)' },
    bandwidth_factor: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.1, description: "Multivariate kernel bandwidth as a fraction of the range, times n^(-1/(d+4)) (Optuna uses 0.2)" },
    min_bandwidth: { type: 'number', minimum: 0, maximum: 1, default: 0.03, description: 'Smallest kernel bandwidth as a fraction of the range (Watanabe 2023 recommends about 0.03)' },
    adaptive_bandwidth: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.5,
      description: "Multivariate, one objective: kernel k's bandwidth times (pilot density at its centre / geometric mean)^(-alpha), within [0.5, 2] (Abramson 1982; 0 disables)",
    },
    endpoints: { type: 'boolean', default: false, description: 'Univariate mode: let the outermost kernels widen to the range ends' },
    multivariate: { type: 'boolean', default: true, description: 'Model parameters jointly (one kernel per trial over all parameters of a group) instead of one by one' },
    constant_liar: { type: 'boolean', default: true, description: 'Count running trials as bad ones, so parallel workers do not propose the same region' },
    good_weights: {
      enum: ['improvement', 'uniform'],
      default: 'improvement',
      description: "One objective: weight each good trial's kernel by its improvement over the split threshold ('improvement', Optuna: 'uniform')",
    },
    stack_share_l: {
      type: 'number',
      minimum: 0,
      exclusiveMaximum: 1,
      default: 0,
      description: 'Multivariate, one objective, no constraints: l(x) mixes the joint kernels with the product of per-parameter mixtures, which gets this share and draws that share of the candidates (Smyth and Wolpert 1999)',
    },
    stack_share_g: {
      type: 'number',
      minimum: 0,
      exclusiveMaximum: 1,
      default: 0.15,
      description: 'Multivariate, one objective, no constraints: g(x) mixes the joint kernels with the product of per-parameter mixtures of the latest 50 bad trials, which gets this share',
    },
  },
  additionalProperties: false,
};
