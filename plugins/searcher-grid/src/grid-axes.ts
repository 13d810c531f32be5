import { HyperspecError, type Distribution, type ParamValues, type SearchSpace } from '@hyperspec/core';
import { intCount, snapInt } from '@hyperspec/core/search';

/**
 * A search space seen as a grid: a product of axes in the space's key order. A numeric axis is a
 * list of values; a choice axis is a list of options, each of which may carry its own sub-grid
 * (a conditional space), so the grid is a tree and its size a sum over options of products.
 */
export type GridAxis =
  | { kind: 'values'; name: string; values: number[]; log: boolean }
  | { kind: 'choice'; name: string; options: (GridSpace | null)[]; optionSizes: number[]; size: number };

export interface GridSpace {
  axes: GridAxis[];
  /** Number of points of each axis, and of the whole product. */
  axisSizes: number[];
  size: number;
}

function points(name: string, d: Extract<Distribution, { type: 'uniform' | 'loguniform' }>): number[] {
  const n = d.points;
  if (n === undefined) {
    throw new HyperspecError('spec', `grid searcher: parameter '${name}' is a continuous ${d.type} range, which a grid cannot enumerate`, {
      hint: `add 'points: <n>' to search.space.${name} (n values evenly spaced${d.type === 'loguniform' ? ' on the log scale' : ''} from low to high), or use type: int / choice`,
      location: { path: `search.space.${name}` },
    });
  }
  if (!Number.isInteger(n) || n < 1) {
    throw new HyperspecError('spec', `grid searcher: parameter '${name}' needs points to be an integer >= 1 (got ${n})`, { location: { path: `search.space.${name}.points` } });
  }
  if (n === 1 || d.low === d.high) return [d.type === 'loguniform' ? Math.sqrt(d.low * d.high) : (d.low + d.high) / 2];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    out.push(d.type === 'loguniform' ? Math.exp(Math.log(d.low) + t * (Math.log(d.high) - Math.log(d.low))) : d.low + t * (d.high - d.low));
  }
  // The ends exactly, whatever the rounding of the formula.
  out[0] = d.low;
  out[n - 1] = d.high;
  return out;
}

/** Builds the grid of a (sub)space; `prefix` names conditional parameters `<choice>.<index>.`. */
export function buildGrid(space: SearchSpace, prefix = ''): GridSpace {
  const axes: GridAxis[] = [];
  for (const key of Object.keys(space)) {
    const name = prefix + key;
    const d = space[key];
    if (d.type === 'choice') {
      const options = d.values.map((_, i) => {
        const child = d.children?.[i];
        return child && Object.keys(child).length > 0 ? buildGrid(child, `${name}.${i}.`) : null;
      });
      const optionSizes = options.map((o) => (o ? o.size : 1));
      axes.push({ kind: 'choice', name, options, optionSizes, size: optionSizes.reduce((a, b) => a + b, 0) });
    } else if (d.type === 'int') {
      const values = Array.from({ length: intCount(d) }, (_, i) => snapInt(d, d.low + i * (d.step ?? 1)));
      axes.push({ kind: 'values', name, values, log: false });
    } else {
      axes.push({ kind: 'values', name, values: points(name, d), log: d.type === 'loguniform' });
    }
  }
  const axisSizes = axes.map((a) => (a.kind === 'values' ? a.values.length : a.size));
  return { axes, axisSizes, size: axisSizes.reduce((a, b) => a * b, 1) };
}

/**
 * The point at position `index` of the product, in lexicographic order (first axis slowest), writing
 * its values into `out`.
 */
export function gridPoint(grid: GridSpace, index: number, out: ParamValues = {}): ParamValues {
  let rest = index;
  for (let a = grid.axes.length - 1; a >= 0; a--) {
    const size = grid.axisSizes[a];
    const digit = rest % size;
    rest = Math.floor(rest / size);
    const axis = grid.axes[a];
    if (axis.kind === 'values') {
      out[axis.name] = axis.values[digit];
    } else {
      let within = digit;
      let option = 0;
      while (within >= axis.optionSizes[option]) within -= axis.optionSizes[option++];
      out[axis.name] = option;
      const child = axis.options[option];
      if (child) gridPoint(child, within, out);
    }
  }
  return out;
}

function valueIndex(axis: Extract<GridAxis, { kind: 'values' }>, v: number): number {
  // Values are compared with a relative tolerance so floats stored and read back still match.
  for (let i = 0; i < axis.values.length; i++) {
    const g = axis.values[i];
    if (Math.abs(v - g) <= 1e-9 * Math.max(1, Math.abs(g))) return i;
  }
  return -1;
}

/** The position of `values` in the product, or -1 when they are not a point of this grid. */
export function gridIndex(grid: GridSpace, values: ParamValues): number {
  let index = 0;
  for (let a = 0; a < grid.axes.length; a++) {
    const axis = grid.axes[a];
    const v = values[axis.name];
    if (typeof v !== 'number') return -1;
    let digit: number;
    if (axis.kind === 'values') {
      digit = valueIndex(axis, v);
      if (digit < 0) return -1;
    } else {
      if (!Number.isInteger(v) || v < 0 || v >= axis.options.length) return -1;
      digit = axis.optionSizes.slice(0, v).reduce((s, x) => s + x, 0);
      const child = axis.options[v];
      if (child) {
        const within = gridIndex(child, values);
        if (within < 0) return -1;
        digit += within;
      }
    }
    index = index * grid.axisSizes[a] + digit;
  }
  return index;
}
