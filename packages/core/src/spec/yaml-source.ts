import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLError } from 'yaml';
import type { SourceLocation } from '../errors/hyperspec-error.js';
import type { SpecIssue } from './spec-issue.js';
import { formatPath, type SpecPath } from './spec-path.js';

/** A YAML spec as parsed: the plain data plus the document and line index that map paths back to positions. */
export interface SpecSource {
  /** The file as given (for messages); undefined for specs that came from a string. */
  file?: string;
  text: string;
  doc: Document;
  lineCounter: LineCounter;
  /** The plain JavaScript value of the document. */
  data: unknown;
}

/** What part of a node an issue points at. */
export type Anchor = 'key' | 'value' | 'mapping';

/** Rewords the yaml library's messages into sentences that say what is wrong and what to do. */
function describeYamlError(error: YAMLError, text: string): string {
  const raw = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const lower = raw.charAt(0).toLowerCase() + raw.slice(1);
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = /^(?:"([^"]*)"|'([^']*)'|([^\s:{}[\],#]+))/.exec(text.slice(error.pos[0]));
      const name = key ? key[1] ?? key[2] ?? key[3] : undefined;
      return `duplicate key${name ? ` "${name}"` : ''}: a key may appear only once in a mapping`;
    }
    case 'TAB_AS_INDENT':
      return 'invalid YAML: tabs are not allowed for indentation; indent with spaces';
    default:
      return `invalid YAML: ${lower}`;
  }
}

/**
 * Parses YAML text, keeping source positions. Syntax errors and duplicate keys come back as issues
 * with `file:line:col`; a document with errors has no usable data.
 */
export function parseYaml(text: string, file?: string): { source: SpecSource; issues: SpecIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const issues: SpecIssue[] = doc.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { location: { file, line, col }, message: describeYamlError(error, text) };
  });
  let data: unknown;
  if (issues.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      // Unresolved aliases and alias bombs surface only when the document is converted.
      issues.push({ location: { file, line: 1, col: 1 }, message: `invalid YAML: ${(e as Error).message.charAt(0).toLowerCase()}${(e as Error).message.slice(1)}` });
    }
  }
  return { source: { file, text, doc, lineCounter, data }, issues };
}

function positionOf(source: SpecSource, node: Node | null | undefined): { line?: number; col?: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, col: 1 };
  return source.lineCounter.linePos(offset);
}

/** Follows `path` through the document as far as it exists. */
function walk(source: SpecSource, path: SpecPath): { found: number; node: Node | null | undefined; keyNode: Node | null | undefined } {
  let node: Node | null | undefined = source.doc.contents as Node | null;
  let keyNode: Node | null | undefined;
  let found = 0;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(source.doc) as Node | undefined;
    if (isMap(node)) {
      const pair: Pair | undefined = (node.items as Pair[]).find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? undefined;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      keyNode = undefined;
      node = node.items[seg] as Node;
    } else {
      break;
    }
    found++;
    if (!node) break;
  }
  return { found, node, keyNode };
}

/** True when the path is written in the YAML (not a default filled in later). */
export function isWritten(source: SpecSource | undefined, path: SpecPath): boolean {
  return !source || walk(source, path).found === path.length;
}

/**
 * The source location of a spec path. `key` points at the last key itself, `value` at its value,
 * `mapping` at the mapping the path names (its key when it has one, so `train:` rather than the first
 * key under it). A path that is not in the file (a default, a missing key) points at its deepest
 * ancestor that is.
 */
export function locate(source: SpecSource | undefined, path: SpecPath, anchor: Anchor = 'value'): SourceLocation {
  const location: SourceLocation = { file: source?.file, path: formatPath(path) || undefined };
  if (!source) return location;
  const { found, node, keyNode } = walk(source, path);
  const complete = found === path.length;
  let target: Node | null | undefined;
  if (complete && anchor !== 'value') target = keyNode ?? node;
  else if (complete) target = node ?? keyNode;
  // A scalar where the path goes on is a shorthand (`loss: mse` stands for `{ type: mse }`): point at it.
  else target = isScalar(node) ? node : keyNode ?? node;
  return { ...location, ...positionOf(source, target ?? (source.doc.contents as Node | null)) };
}
