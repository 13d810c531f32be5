/** Options of the tokeniser (spec keys of the spam dataset). */
export interface TokenizeOptions {
  lowercase: boolean;
  stripHeaders: boolean;
}

/** Shortest and longest token kept: single characters carry little, long runs are mostly encoded blobs. */
export const MIN_TOKEN_LENGTH = 2;
export const MAX_TOKEN_LENGTH = 20;

const TOKEN = /[\p{L}\p{N}]+/gu;

/** The body of an e-mail: everything after the first empty line, which ends the headers (RFC 5322). */
export function messageBody(text: string): string {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? text.slice(m.index + m[0].length) : '';
}

/**
 * Splits a message into terms: optionally drop the headers, optionally lower-case, then take every
 * maximal run of Unicode letters and digits and keep those of 2 to 20 characters. Markup is not
 * removed: HTML tag and entity names become terms like any word (they are a strong spam signal).
 */
export function tokenize(text: string, options: TokenizeOptions): string[] {
  let s = options.stripHeaders ? messageBody(text) : text;
  if (options.lowercase) s = s.toLowerCase();
  const runs = s.match(TOKEN) ?? [];
  return runs.filter((t) => t.length >= MIN_TOKEN_LENGTH && t.length <= MAX_TOKEN_LENGTH);
}
