import type { ContainerModule } from 'inversify';
import { pino } from 'pino';
import { createContainer } from '../container/create-container.js';
import { ComponentsToken } from '../container/tokens.js';
import type { ComponentDescriptor } from '../plugin/component-descriptor.js';
import type { Components } from '../plugin/components.js';
import { definePlugin } from '../plugin/define-plugin.js';

/**
 * The `Components` of a fresh container holding just these descriptors or plugin modules (and a
 * silent logger): how a plugin's tests build its components exactly as a spec would.
 */
export function componentsOf(parts: readonly (ComponentDescriptor<any, any, any> | ContainerModule)[]): Components {
  const descriptors = parts.filter((p): p is ComponentDescriptor => 'kind' in p);
  const modules = parts.filter((p): p is ContainerModule => !('kind' in p));
  // Each descriptor keeps the plugin name it carries (a test may name one), else `test`.
  const plugins = [...descriptors.map((d) => definePlugin(d.plugin ?? 'test', [d])), ...modules];
  return createContainer(plugins, { logger: pino({ level: 'silent' }) }).get(ComponentsToken);
}
