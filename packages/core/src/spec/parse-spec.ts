import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { HyperspecError } from '../errors/hyperspec-error.js';
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

/**
 * Reads and parses a spec file without validating it, so the caller can load the plugins it names
 * (`plugins`, relative to `baseDir`) and then call `validateSpec` with the full components.
 */
export function loadSpecFile(file: string): ParsedSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new HyperspecError('usage', `cannot read spec file ${file}: ${why}`, { cause: e, location: { file } });
  }
  return parseSpec(text, { file });
}
