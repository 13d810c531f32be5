import { ContainerModule } from 'inversify';
import type { ComponentDescriptor } from './component-descriptor.js';
import { ComponentDescriptor as DescriptorToken } from './component-descriptor.js';

const PLUGIN_NAME = Symbol.for('hyperspec.pluginName');

/**
 * Makes a plugin's ContainerModule: binds each descriptor (tagged with the plugin's name, so a
 * duplicate `type` can name both packages) to the shared descriptor token. A plugin package
 * default-exports the result.
 */
export function definePlugin(name: string, descriptors: readonly ComponentDescriptor<any, any, any>[]): ContainerModule {
  const module = new ContainerModule(({ bind }) => {
    for (const d of descriptors) {
      bind(DescriptorToken).toConstantValue({ ...d, plugin: name });
    }
  });
  (module as unknown as Record<symbol, string>)[PLUGIN_NAME] = name;
  return module;
}

/** The name given to `definePlugin`, when the module was made by it. */
export function pluginName(module: ContainerModule): string | undefined {
  return (module as unknown as Record<symbol, string | undefined>)[PLUGIN_NAME];
}
