import { readFileSync } from 'node:fs';
import { createContainer, pluginName, type ContainerOptions } from '@hyperspec/core';
import type { Container, ContainerModule } from 'inversify';

/**
 * The default bundle is every dependency of this package (its package.json) whose default export is a
 * plugin module made by `definePlugin`: backend, layers, losses, optimizers, data, searchers, ... So
 * adding a plugin to the bundle is one line in that list. They are loaded once, when this module is.
 */
async function loadBundle(): Promise<ContainerModule[]> {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  const modules = await Promise.all(Object.keys(manifest.dependencies).sort().map(async (name) => (await import(name) as { default?: unknown }).default));
  return modules.filter((m): m is ContainerModule => typeof m === 'object' && m !== null && pluginName(m as ContainerModule) !== undefined);
}

/** The plugins every hyperspec installation has. */
export const defaultPlugins: readonly ContainerModule[] = await loadBundle();

/** A container with the default plugins plus `extra` ones (a user's own). */
export function createDefaultContainer(extra: readonly ContainerModule[] = [], options: ContainerOptions = {}): Container {
  return createContainer([...defaultPlugins, ...extra], options);
}
