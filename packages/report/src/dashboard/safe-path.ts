import { existsSync, realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';

export type Resolved = { ok: true; path: string; rel: string } | { ok: false; status: 403 | 404 };

const inside = (root: string, path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Maps the path part of a request (`a/b%20c/d`, still percent-encoded, never normalised by a URL
 * parser) to a directory inside `root`, or refuses it. Refused with 403: a segment that decodes to `.`
 * or `..` (`%2e%2e` included) or holds a slash, backslash or NUL; anything that resolves outside the
 * root; anything whose real path (symbolic links followed) lies outside the root's real path. 404:
 * malformed encoding, or nothing there. Nothing is read before the checks pass.
 */
export function resolveInside(root: string, encoded: string): Resolved {
  const segments: string[] = [];
  for (const raw of encoded.split('/')) {
    if (raw === '') continue;
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 404 };
    }
    if (s === '.' || s === '..' || /[/\\\0]/.test(s)) return { ok: false, status: 403 };
    segments.push(s);
  }
  const base = resolve(root);
  const path = resolve(base, ...segments);
  if (!inside(base, path)) return { ok: false, status: 403 };
  if (!existsSync(path)) return { ok: false, status: 404 };
  if (!inside(realpathSync(base), realpathSync(path))) return { ok: false, status: 403 };
  return { ok: true, path, rel: segments.join('/') };
}

/** A path relative to the root as a URL path, each segment percent-encoded. */
export function encodeRel(rel: string): string {
  return rel.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}
