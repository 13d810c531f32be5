import { HyperspecError } from '../errors/hyperspec-error.js';
import type { Distribution, SearchSpace } from '../contracts/search-space.js';
import { flattenSpace } from './flatten-space.js';

function fail(component: string, name: string, message: string, hint?: string): never {
  throw new HyperspecError('spec', `${component}: search space parameter '${name}' ${message}`, { hint, location: { path: `search.space.${name}` } });
}

function checkDistribution(component: string, name: string, d: Distribution): void {
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  switch (d.type) {
    case 'uniform':
    case 'loguniform':
    case 'int':
      if (!finite(d.low) || !finite(d.high)) fail(component, name, `needs finite low and high (got low=${d.low}, high=${d.high})`);
      if (!(d.low <= d.high)) fail(component, name, `has low > high (low=${d.low}, high=${d.high})`);
      if ((d.type === 'loguniform' || (d.type === 'int' && d.log)) && !(d.low > 0)) {
        fail(component, name, `is on a log scale, so low must be > 0 (got ${d.low})`, 'use type: uniform, or a positive low');
      }
      if (d.type === 'int') {
        const step = d.step ?? 1;
        if (!(step > 0) || !finite(step)) fail(component, name, `needs step > 0 (got ${step})`);
        if (!Number.isInteger(d.low) || !Number.isInteger(step)) fail(component, name, `is an int range, so low and step must be integers (got low=${d.low}, step=${step})`);
      }
      break;
    case 'choice':
      if (!Array.isArray(d.values) || d.values.length === 0) fail(component, name, 'is a choice with no values', 'give at least one value');
      break;
    default:
      fail(component, name, `has unknown distribution type '${(d as { type?: unknown }).type}'`, 'use uniform, loguniform, int or choice');
  }
}

/**
 * Checks what a searcher relies on (bounds in order, positive low on log scales, integer steps,
 * non-empty choices) and throws a HyperspecError naming the parameter. The spec loader validates
 * the same through the schema; this guards searchers used from code.
 */
export function checkSearchSpace(space: SearchSpace, component = 'searcher'): void {
  const params = flattenSpace(space);
  if (params.length === 0) {
    throw new HyperspecError('spec', `${component}: the search space is empty`, { hint: 'add at least one parameter under search.space' });
  }
  for (const def of params) checkDistribution(component, def.name, def.distribution);
}
