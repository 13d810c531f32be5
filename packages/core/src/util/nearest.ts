import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word` by edit distance, if it is close enough to be a plausible typo
 * (at most a third of the word's length, and at least 1 edit allowed).
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.ceil(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}
