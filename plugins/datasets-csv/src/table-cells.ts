import { HyperspecError } from '@hyperspec/core';

/**
 * A cell as a finite number, or a data error starting with `at` (which names the file, line and
 * column). Only decimal notation counts: `Number()` would also accept `0x10` or `0b1` and read an empty
 * or blank cell as 0.
 */
export function parseNumberCell(raw: string, at: string, hint: string): number {
  if (raw.trim() === '') throw new HyperspecError('data', `${at} is empty`, { hint: 'fill in the missing value or remove the row' });
  const value = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value)) throw new HyperspecError('data', `${at}: cannot parse "${raw}" as a number`, { hint });
  return value;
}
