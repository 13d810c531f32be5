import type { JsonSchema } from '@hyperspec/core';
import type { LengthscalePrior } from './gp-hyperparameters.js';
import type { OutputTransform } from './output-transform.js';
import type { Incumbent } from './plug-in-incumbent.js';

export interface BayesOptions {
  n_initial: number | 'auto';
  output_transform: OutputTransform;
  lengthscale_prior: LengthscalePrior;
  candidates: number;
  local_starts: number;
  fit_restarts: number;
  fit_max_points: number;
  running_trials: 'posterior_mean' | 'constant_liar';
  trust_region: boolean;
  incumbent: Incumbent;
  input_warping: boolean;
}

export const BAYES_DEFAULTS: BayesOptions = {
  n_initial: 'auto',
  output_transform: 'auto',
  lengthscale_prior: 'gamma',
  candidates: 1024,
  local_starts: 5,
  fit_restarts: 2,
  fit_max_points: 120,
  running_trials: 'posterior_mean',
  trust_region: true,
  incumbent: 'auto',
  input_warping: false,
};

export const bayesSchema: JsonSchema = {
  $id: 'hyperspec:searcher/bayes',
  type: 'object',
  properties: {
    n_initial: {
      anyOf: [{ type: 'integer', minimum: 1, maximum: 100000 }, { const: 'auto' }],
      default: 'auto',
      description: "Quasi-random (scrambled Sobol') trials before the Gaussian process is used; 'auto' = max(5, 2 × parameters), at most 10",
    },
    output_transform: {
      enum: ['auto', 'none', 'log', 'rank', 'power'],
      default: 'auto',
      description: "How losses are warped before the GP sees them: 'none' standardises, 'log' logs the shifted losses, 'power'/'auto' fits a Box-Cox exponent in [0, 1] (tames heavy tails), 'rank' uses normal scores",
    },
    lengthscale_prior: {
      enum: ['gamma', 'lognormal'],
      default: 'gamma',
      description: "Prior of the kernel length scales: 'gamma' = Gamma(3, 6) (BoTorch's classic default), 'lognormal' = the dimension-scaled LogNormal of Hvarfner et al. 2024 (for many parameters)",
    },
    candidates: { type: 'integer', minimum: 16, maximum: 65536, default: 1024, description: "Scrambled Sobol' points screened per suggestion before local search (scaled down by 100/trials past 100 trials, at least 256)" },
    local_starts: { type: 'integer', minimum: 1, maximum: 64, default: 5, description: 'Best screened points refined by local search (gradient steps on continuous parameters, moves on discrete ones)' },
    fit_restarts: { type: 'integer', minimum: 0, maximum: 20, default: 2, description: 'Random restarts of the hyperparameter fit besides the start at the prior centre' },
    fit_max_points: {
      type: 'integer',
      minimum: 10,
      maximum: 100000,
      default: 120,
      description: 'Most trials used to fit the kernel hyperparameters (the best half and an even spread of the rest); the posterior always uses every trial',
    },
    running_trials: {
      enum: ['posterior_mean', 'constant_liar'],
      default: 'posterior_mean',
      description: "How running trials enter the model so parallel workers spread out: at the posterior mean ('kriging believer') or at the worst observed loss",
    },
    trust_region: {
      type: 'boolean',
      default: true,
      description: 'With one objective and no constraints, maximise the acquisition inside a box around the best trial that grows on improvements and shrinks on failures (TuRBO, Eriksson et al. 2019); false searches the whole space every time',
    },
    incumbent: {
      enum: ['auto', 'best', 'lowest_mean'],
      default: 'auto',
      description: "EI's incumbent: the best trial's (warped) loss, or the lowest posterior mean at the complete trials (plug-in EI, Picheny et al. 2013); 'auto' = lowest_mean with one objective, no constraints and 8 or more parameters, else best",
    },
    input_warping: {
      type: 'boolean',
      default: false,
      description: "Pass each numeric input of the objective's GP through a Kumaraswamy CDF whose two shapes are fitted with the kernel's hyperparameters (Snoek et al. 2014), so the model can vary faster in one part of a range than in another; constraint models stay unwarped",
    },
  },
  additionalProperties: false,
};
