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

export interface LoadPluginOptions {
  /** How long the plugin's module may take to load (its top-level code), in milliseconds. */
  timeoutMs?: number;
}

/** A plugin's module must finish loading within this time (30 s), or loading fails with a plugin error. */
export const PLUGIN_LOAD_TIMEOUT_MS = 30_000;

/**
 * Waits for a plugin's module to load, but not forever. Two things end the wait with a plugin error:
 * the time limit, and the event loop emptying while the import is pending — a top-level await that
 * can never settle (then nothing else is left to run, and without this the process would just end).
 * The timer is unref'd, so it does not itself keep the process alive.
 */
function withinTimeLimit<T>(loading: Promise<T>, name: string, entry: string, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fail = (why: string) => {
      cleanup();
      reject(new HyperspecError('plugin', `plugin "${name}" did not finish loading: ${why}`, {
        location: { file: entry },
        hint: 'its module (or one it imports) awaits something at the top level that never completes; fix or remove the plugin',
      }));
    };
    const timer = setTimeout(() => fail(`it took longer than ${timeoutMs / 1000} s`), timeoutMs);
    timer.unref();
    const onBeforeExit = () => fail('its top-level code waits for something that can never happen (nothing else was left to run)');
    process.once('beforeExit', onBeforeExit);
    const cleanup = () => {
      clearTimeout(timer);
      process.off('beforeExit', onBeforeExit);
    };
    loading.then(
      (v) => {
        cleanup();
        resolve(v);
      },
      (e: unknown) => {
        cleanup();
        reject(e);
      },
    );
  });
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
  return join(dir, typeof entry === 'string' ? entry : typeof pkg.main === 'string' ? pkg.main : 'index.js');
}

/**
 * Loads a plugin package by name or path: it must declare `"hyperspec": { "plugin": true }` in its
 * package.json and default-export a ContainerModule (made with `definePlugin`).
 */
export async function loadPlugin(specifier: string, baseDir: string = process.cwd(), options: LoadPluginOptions = {}): Promise<LoadedPlugin> {
  const dir = locate(specifier, baseDir);
  const pkgPath = join(dir, 'package.json');
  if (!existsSync(pkgPath)) throw new HyperspecError('plugin', `plugin "${specifier}" has no package.json in ${dir}`);
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as PackageJson;
  } catch (e) {
    throw new HyperspecError('plugin', `plugin "${specifier}": cannot read ${pkgPath}: ${(e as Error).message}`, { cause: e, location: { file: pkgPath } });
  }
  if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg)) {
    throw new HyperspecError('plugin', `plugin "${specifier}": ${pkgPath} is not a JSON object`, { location: { file: pkgPath } });
  }
  if (pkg.hyperspec?.plugin !== true) {
    throw new HyperspecError('plugin', `package "${pkg.name ?? specifier}" is not marked as a hyperspec plugin`, { hint: 'add "hyperspec": { "plugin": true } to its package.json' });
  }
  const entry = entryOf(dir, pkg);
  if (!existsSync(entry)) {
    throw new HyperspecError('plugin', `plugin "${pkg.name ?? specifier}": its entry ${entry} does not exist`, { hint: 'build the plugin first (tsc -b)' });
  }
  let mod: { default?: unknown };
  try {
    mod = await withinTimeLimit(import(pathToFileURL(entry).href) as Promise<{ default?: unknown }>, pkg.name ?? specifier, entry, options.timeoutMs ?? PLUGIN_LOAD_TIMEOUT_MS);
  } catch (e) {
    if (e instanceof HyperspecError) throw e;
    throw new HyperspecError('plugin', `plugin "${pkg.name ?? specifier}" failed to load: ${(e as Error).message}`, { cause: e });
  }
  const module = mod.default as ContainerModule | undefined;
  if (!module || typeof (module as { load?: unknown }).load !== 'function') {
    throw new HyperspecError('plugin', `plugin "${pkg.name ?? specifier}" must default-export a ContainerModule (use definePlugin from @hyperspec/core)`);
  }
  return { name: pkg.name ?? specifier, dir, module };
}
