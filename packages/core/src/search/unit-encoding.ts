import type { Distribution, IntDistribution } from '../contracts/search-space.js';

/*
 * Every distribution maps onto [0, 1] so searchers can work in one cube: uniform linearly, loguniform
 * and `int` with `log` on the log scale, ints and choices as equal-width cells (each value owns the
 * cell around it, so uniform sampling in the cube is uniform over the values, and decoding any point of
 * a cell rounds to that cell's value — "rounding inside the model" for int and categorical dimensions).
 */

/** Number of values on an int distribution's step grid. */
export function intCount(d: IntDistribution): number {
  const step = d.step ?? 1;
  return Math.floor((d.high - d.low) / step + 1e-9) + 1;
}

/** The largest value on the step grid (`high` itself when it lies on the grid). */
export function intHigh(d: IntDistribution): number {
  return d.low + (intCount(d) - 1) * (d.step ?? 1);
}

/** The edges of the cube interval in the distribution's (possibly log) scale. */
function intEdges(d: IntDistribution): [number, number] {
  const half = (d.step ?? 1) / 2;
  const high = intHigh(d) + half;
  if (!d.log) return [d.low - half, high];
  // Log cells: the lowest edge must stay positive; half the low value keeps the first cell wide.
  return [Math.log(Math.max(d.low - half, d.low / 2)), Math.log(high)];
}

/** Snaps a number onto an int distribution's step grid, within its bounds. */
export function snapInt(d: IntDistribution, value: number): number {
  const step = d.step ?? 1;
  const k = Math.min(intCount(d) - 1, Math.max(0, Math.round((value - d.low) / step)));
  // Rounding the product keeps e.g. 0.1-free integer steps exact.
  return Number.isInteger(step) && Number.isInteger(d.low) ? d.low + k * step : Number((d.low + k * step).toPrecision(12));
}

/** Number of distinct values (Infinity for continuous ranges). */
export function cardinality(d: Distribution): number {
  if (d.type === 'choice') return d.values.length;
  if (d.type === 'int') return intCount(d);
  return Infinity;
}

/** The position in [0, 1] of a value (a choice is given as its option index). */
export function toUnit(d: Distribution, value: number): number {
  let u: number;
  switch (d.type) {
    case 'uniform':
      u = (value - d.low) / (d.high - d.low);
      break;
    case 'loguniform':
      u = (Math.log(value) - Math.log(d.low)) / (Math.log(d.high) - Math.log(d.low));
      break;
    case 'int': {
      const [lo, hi] = intEdges(d);
      u = ((d.log ? Math.log(value) : value) - lo) / (hi - lo);
      break;
    }
    case 'choice':
      u = (value + 0.5) / d.values.length;
      break;
  }
  return Math.min(1, Math.max(0, u));
}

/** The value at position `u` of [0, 1]: ints snapped to the step grid, choices as an option index. */
export function fromUnit(d: Distribution, u: number): number {
  const t = Math.min(1, Math.max(0, u));
  switch (d.type) {
    case 'uniform':
      return Math.min(d.high, Math.max(d.low, d.low + t * (d.high - d.low)));
    case 'loguniform':
      return Math.min(d.high, Math.max(d.low, Math.exp(Math.log(d.low) + t * (Math.log(d.high) - Math.log(d.low)))));
    case 'int': {
      const [lo, hi] = intEdges(d);
      const x = lo + t * (hi - lo);
      return snapInt(d, d.log ? Math.exp(x) : x);
    }
    case 'choice':
      return Math.min(d.values.length - 1, Math.floor(t * d.values.length));
  }
}

/** `fromUnit` then `toUnit`: the canonical cube position of the value a position decodes to. */
export function roundUnit(d: Distribution, u: number): number {
  return d.type === 'uniform' || d.type === 'loguniform' ? Math.min(1, Math.max(0, u)) : toUnit(d, fromUnit(d, u));
}

/** True when `value` is a legal value of `d` (in range; on the step grid for ints; a valid index for choices). */
export function isLegalValue(d: Distribution, value: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  switch (d.type) {
    case 'uniform':
    case 'loguniform':
      return value >= d.low && value <= d.high;
    case 'int': {
      if (value < d.low || value > d.high) return false;
      const step = d.step ?? 1;
      const k = (value - d.low) / step;
      if (Math.abs(k - Math.round(k)) > 1e-6) return false;
      return !(Number.isInteger(step) && Number.isInteger(d.low)) || Number.isInteger(value);
    }
    case 'choice':
      return Number.isInteger(value) && value >= 0 && value < d.values.length;
  }
}

/**
 * The interval of [0, 1] that decodes to the int `value` (its cell), so a density over the cube can
 * be turned into the probability of that value.
 */
export function unitCell(d: IntDistribution, value: number): [number, number] {
  const [lo, hi] = intEdges(d);
  const half = (d.step ?? 1) / 2;
  const scale = (x: number): number => Math.min(1, Math.max(0, ((d.log ? Math.log(Math.max(x, Math.exp(lo))) : x) - lo) / (hi - lo)));
  return [scale(value - half), scale(value + half)];
}
