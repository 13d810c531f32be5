import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContainerModule } from 'inversify';
import { HyperspecError } from '../errors/hyperspec-error.js';

export interface LoadedPlugin {
  name: string;
  /** Directory of the plugin package. */
  dir: string;
  module: ContainerModule;
}

interface PackageJson {
  name?: string;
  main?: string;
  exports?: unknown;
  hyperspec?: { plugin?: boolean };
}

function isPath(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier);
}

/** Finds the directory of a plugin package given a path or a package name. */
function locate(specifier: string, baseDir: string): string {
  if (isPath(specifier)) {
    const p = resolve(baseDir, specifier);
    if (!existsSync(p)) throw new HyperspecError('plugin', `plugin "${specifier}" not found: ${p} does not exist`);
    return statSync(p).isDirectory() ? p : dirname(p);
  }
  const tried: string[] = [];
  for (const from of [join(baseDir, 'package.json'), join(process.cwd(), 'package.json'), import.meta.url]) {
    try {
      return dirname(createRequire(from).resolve(`${specifier}/package.json`));
    } catch {
      tried.push(from.startsWith('file:') ? 'hyperspec itself' : dirname(from));
    }
  }
  throw new HyperspecError('plugin', `plugin package "${specifier}" is not installed (looked from ${tried.join(', ')})`, {
    hint: `install it (pnpm add ${specifier}) or give a path such as ./plugins/my-plugin`,
  });
}

/** The ESM entry of a package: exports["."] (import/default), else main, else index.js. */
function entryOf(dir: string, pkg: PackageJson): string {
  let entry: unknown = pkg.exports;
  if (entry && typeof entry === 'object' && '.' in (entry as Record<string, unknown>)) entry = (entry as Record<string, unknown>)['.'];
  if (entry && typeof entry === 'object') {
    const conditions = entry as Record<string, unknown>;
    entry = conditions.import ?? conditions.default;
  }
  return join(dir, typeof entry === 'string' ? entry : pkg.main ?? 'index.js');
}

/**
 * Loads a plugin package by name or path: it must declare `"hyperspec": { "plugin": true }` in its
 * package.json and default-export a ContainerModule (made with `definePlugin`).
 */
export async function loadPlugin(specifier: string, baseDir: string = process.cwd()): Promise<LoadedPlugin> {
  const dir = locate(specifier, baseDir);
  const pkgPath = join(dir, 'package.json');
  if (!existsSync(pkgPath)) throw new HyperspecError('plugin', `plugin "${specifier}" has no package.json in ${dir}`);
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as PackageJson;
  if (pkg.hyperspec?.plugin !== true) {
    throw new HyperspecError('plugin', `package "${pkg.name ?? specifier}" is not marked as a hyperspec plugin`, { hint: 'add "hyperspec": { "plugin": true } to its package.json' });
  }
  const entry = entryOf(dir, pkg);
  if (!existsSync(entry)) {
    throw new HyperspecError('plugin', `plugin "${pkg.name ?? specifier}": its entry ${entry} does not exist`, { hint: 'build the plugin first (tsc -b)' });
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(entry).href)) as { default?: unknown };
  } catch (e) {
    throw new HyperspecError('plugin', `plugin "${pkg.name ?? specifier}" failed to load: ${(e as Error).message}`, { cause: e });
  }
  const module = mod.default as ContainerModule | undefined;
  if (!module || typeof (module as { load?: unknown }).load !== 'function') {
    throw new HyperspecError('plugin', `plugin "${pkg.name ?? specifier}" must default-export a ContainerModule (use definePlugin from @hyperspec/core)`);
  }
  return { name: pkg.name ?? specifier, dir, module };
}
