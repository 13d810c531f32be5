import { dirname, resolve } from 'node:path';
import { HyperspecError } from '../errors/hyperspec-error.js';
import { readRegularFile } from '../util/read-regular-file.js';
import { SpecError } from './spec-issue.js';
import { isPlainObject } from './spec-path.js';
import { locate, parseYaml, type SpecSource } from './yaml-source.js';

/**
 * A spec as parsed, before validation: the plain data plus what maps it back to the YAML. `plugins`
 * is read out first so the caller can load those plugins before validating against their schemas.
 */
export interface ParsedSpec extends SpecSource {
  /** Directory that relative paths in the spec (plugins, data files) are resolved against. */
  baseDir: string;
  /** The spec's `plugins:` entries as written (names, or paths relative to `baseDir`). */
  plugins: string[];
}

/** Reads `plugins:` early; a malformed list is an error now, since nothing can be validated without the plugins. */
function pluginsOf(source: SpecSource): string[] {
  if (!isPlainObject(source.data) || source.data.plugins === undefined) return [];
  const list = source.data.plugins;
  const bad = !Array.isArray(list) ? -1 : list.findIndex((p) => typeof p !== 'string' || p.length === 0);
  if (bad === -1 && Array.isArray(list)) return list as string[];
  const path = bad === -1 ? ['plugins'] : ['plugins', bad];
  const message = bad === -1 ? 'must be a list of plugin package names or paths' : 'must be a plugin package name or a path (a non-empty string)';
  throw new SpecError([{ location: locate(source, path, 'value'), message }]);
}

/**
 * Parses spec text (YAML, positions kept). Syntax errors and duplicate keys throw a SpecError with
 * `file:line:col`. Called by `loadSpecFile`, and directly for specs that do not come from a file.
 */
export function parseSpec(text: string, options: { file?: string; baseDir?: string } = {}): ParsedSpec {
  const { source, issues } = parseYaml(text, options.file);
  if (issues.length > 0) throw new SpecError(issues);
  const baseDir = options.baseDir ?? (options.file ? dirname(resolve(options.file)) : process.cwd());
  return { ...source, baseDir, plugins: pluginsOf(source) };
}

/** A spec is a short text: anything larger is refused before it is read (10 MiB). */
export const MAX_SPEC_BYTES = 10 * 1024 * 1024;

/**
 * Reads and parses a spec file without validating it, so the caller can load the plugins it names
 * (`plugins`, relative to `baseDir`) and then call `validateSpec` with the full components.
 */
export function loadSpecFile(file: string): ParsedSpec {
  const bytes = readRegularFile(file, { maxBytes: MAX_SPEC_BYTES, what: 'spec file', kind: 'usage' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new HyperspecError('usage', `cannot read spec file ${file}: it is not UTF-8 text`, { cause: e, location: { file }, hint: 'a spec is a YAML text file' });
  }
  return parseSpec(text, { file });
}
