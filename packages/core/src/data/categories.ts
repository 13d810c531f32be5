/**
 * The distinct values of a categorical column in a stable order that does not depend on row order:
 * numerically when every value is a number ("2" before "10"), otherwise by code point.
 */
export function distinctSorted(values: Iterable<string>): string[] {
  const distinct = [...new Set(values)];
  const allNumeric = distinct.length > 0 && distinct.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  return allNumeric
    ? distinct.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0))
    : distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Position of each category, for O(1) lookup while encoding. */
export function indexOfCategories(categories: readonly string[]): Map<string, number> {
  return new Map(categories.map((c, i) => [c, i]));
}
