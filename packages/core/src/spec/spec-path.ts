/** A path into a spec: mapping keys and list indices, e.g. `['model', 'layers', 1, 'units']`. */
export type PathSegment = string | number;
export type SpecPath = readonly PathSegment[];

/** `model.layers[1].units`: keys joined by dots, indices in brackets. */
export function formatPath(path: SpecPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/**
 * Parses a search-space key such as `train.optimizer.learning_rate`, `model.layers[1].units` or
 * `regularization.0.rate` (a bare number is an index, like `[0]`). Returns undefined when it is not a path.
 */
export function parseSpecPath(text: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  const re = /^(?:\.?([A-Za-z_][A-Za-z0-9_-]*|\d+)|\[(\d+)\])/;
  let rest = text;
  let first = true;
  while (rest.length > 0) {
    const m = re.exec(rest);
    if (!m || (first && rest.startsWith('.'))) return undefined;
    if (!first && m[1] !== undefined && !rest.startsWith('.')) return undefined;
    if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    rest = rest.slice(m[0].length);
    first = false;
  }
  return out.length > 0 ? out : undefined;
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The value at `path`, or undefined when some part is missing. */
export function getAtPath(root: unknown, path: SpecPath): unknown {
  let node = root;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === 'number') node = node[seg];
    else if (isPlainObject(node)) node = node[String(seg)];
    else return undefined;
  }
  return node;
}

/** Writes `value` at `path`, creating missing mappings (or lists, before an index) on the way. */
export function setAtPath(root: Record<string, unknown>, path: SpecPath, value: unknown): void {
  let node: unknown = root;
  path.forEach((seg, i) => {
    const last = i === path.length - 1;
    const container = node as Record<string, unknown> & unknown[];
    const key = Array.isArray(container) && typeof seg === 'number' ? seg : String(seg);
    if (last) {
      (container as Record<string | number, unknown>)[key] = value;
      return;
    }
    let next = (container as Record<string | number, unknown>)[key];
    if (typeof next !== 'object' || next === null) {
      next = typeof path[i + 1] === 'number' ? [] : {};
      (container as Record<string | number, unknown>)[key] = next;
    }
    node = next;
  });
}

/** True when `prefix` is the start of `path` (or equal to it). */
export function startsWithPath(path: SpecPath, prefix: SpecPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));
}
