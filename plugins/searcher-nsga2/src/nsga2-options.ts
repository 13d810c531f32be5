import type { JsonSchema } from '@hyperspec/core';

export interface Nsga2Options {
  population_size: number;
  crossover_prob: number;
  eta_crossover: number;
  mutation_prob: number | 'auto';
  eta_mutation: number;
}

export const NSGA2_DEFAULTS: Nsga2Options = {
  population_size: 12,
  crossover_prob: 0.9,
  eta_crossover: 15,
  mutation_prob: 'auto',
  eta_mutation: 20,
};

export const nsga2Schema: JsonSchema = {
  $id: 'hyperspec:searcher/nsga2',
  type: 'object',
  properties: {
    population_size: {
      type: 'integer', minimum: 2, maximum: 10000, default: 12,
      description: 'Trials per generation; the first generation is quasi-random, each later one is bred from the best population_size finished trials',
    },
    crossover_prob: { type: 'number', minimum: 0, maximum: 1, default: 0.9, description: 'Probability that a child is bred by crossover of two parents (else it copies one)' },
    eta_crossover: { type: 'number', minimum: 0, maximum: 100, default: 15, description: 'Distribution index of simulated binary crossover: larger keeps children closer to their parents' },
    mutation_prob: {
      anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { const: 'auto' }], default: 'auto',
      description: "Probability that each parameter of a child is mutated; 'auto' = 1 / number of parameters",
    },
    eta_mutation: { type: 'number', minimum: 0, maximum: 100, default: 20, description: 'Distribution index of polynomial mutation: larger makes smaller steps' },
  },
  additionalProperties: false,
};
