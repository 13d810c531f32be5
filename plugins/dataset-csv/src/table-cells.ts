import { HyperspecError } from '@hyperspec/core';

/**
 * A cell as a finite number, or a data error starting with `at` (which names the file, line and
 * column). Only decimal notation counts: `Number()` would also accept `0x10` or `0b1` and read an empty
 * or blank cell as 0.
 */
export function parseNumberCell(raw: string, at: string, hint: string): number {
  if (raw.trim() === '') throw new HyperspecError('data', `${at} is empty`, { hint: 'fill in the missing value or remove the row' });
  const shown = raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw)) throw new HyperspecError('data', `${at}: cannot parse "${shown}" as a number (expected a decimal such as 5.1, -3 or 1.5e-3)`, { hint });
  const value = Number(raw);
  // Samples are float32: a value beyond its range would become Infinity and surface later as a NaN loss.
  if (!(Math.abs(value) <= FLOAT32_MAX)) throw new HyperspecError('data', `${at}: ${raw.trim()} does not fit a 32-bit float (largest magnitude ${FLOAT32_MAX.toPrecision(5)})`, { hint: 'rescale the column, or fix the value' });
  return value;
}

/** The largest float32. */
const FLOAT32_MAX = 3.4028234663852886e38;
