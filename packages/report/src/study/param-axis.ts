import { formatValue } from '../format.js';
import type { Distribution } from '@hyperspec/core';
import { intHigh } from '@hyperspec/core/search';

/**
 * How a search parameter is drawn on an axis: choices as categories (their options' names), log
 * ranges on a log axis, the rest linearly. `value` turns a stored value (a choice's index) into the
 * axis coordinate.
 */
export interface ParamAxis {
  type: 'category' | 'log' | 'value';
  categories?: string[];
  /** The axis ends: what unit-cube positions 0 and 1 stand for (undefined for categories). */
  min?: number;
  max?: number;
  value(stored: number): number | string;
}

export function paramAxis(d: Distribution): ParamAxis {
  switch (d.type) {
    case 'choice': {
      const categories = d.values.map((v) => formatValue(v));
      return { type: 'category', categories, value: (i) => categories[i] ?? String(i) };
    }
    case 'loguniform':
      return { type: 'log', min: d.low, max: d.high, value: (v) => v };
    case 'uniform':
      return { type: 'value', min: d.low, max: d.high, value: (v) => v };
    case 'int': {
      // Ints own the cell around them (see unit-encoding): the axis runs over the cells' outer edges.
      const half = (d.step ?? 1) / 2;
      if (d.log) return { type: 'log', min: Math.max(d.low - half, d.low / 2), max: intHigh(d) + half, value: (v) => v };
      return { type: 'value', min: d.low - half, max: intHigh(d) + half, value: (v) => v };
    }
  }
}

/** ECharts axis settings for a parameter axis. */
export function echartsAxis(axis: ParamAxis, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = { name, nameLocation: 'middle', nameGap: 30, ...extra };
  if (axis.type === 'category') return { type: 'category', data: axis.categories, ...base };
  return { type: axis.type, min: axis.min, max: axis.max, ...base, axisLabel: { hideOverlap: true } };
}
