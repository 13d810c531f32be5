import type { SearchSpace } from '@hyperspec/core';
import type { TestFunction } from './test-functions.js';

/**
 * The same function on a narrowed box that moves a centred optimum off the centre: each range loses
 * 30 % of its width, from below on even-numbered parameters and from above on odd ones, so a minimum
 * at the old centre sits at 29 % or 71 % of the new range. Many standard functions (Ackley, Salomon,
 * Alpine, Rastrigin, Griewank) have their optimum at the box centre, where a searcher that leans
 * towards the centre (a prior kernel at 0.5, say) gains for a reason that does not carry over to real
 * problems; tune.js runs these variants to check that a change helps without that lean. The known
 * minimum is kept as the regret reference even where the narrowed box cuts a minimiser off.
 */
export function offCentre(fn: TestFunction): TestFunction {
  const space: SearchSpace = {};
  Object.entries(fn.space).forEach(([name, d], i) => {
    if (typeof d !== 'object' || d === null || !('type' in d) || d.type !== 'uniform') throw new Error(`offCentre: ${fn.name}.${name} is not a uniform range`);
    const cut = 0.3 * (d.high - d.low);
    space[name] = i % 2 === 0 ? { ...d, low: d.low + cut } : { ...d, high: d.high - cut };
  });
  return { ...fn, name: `${fn.name}~`, space };
}
