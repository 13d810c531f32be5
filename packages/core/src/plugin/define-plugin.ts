import { ContainerModule } from 'inversify';
import type { ComponentDescriptor } from './component-descriptor.js';
import { tokenOfKind } from './component-tokens.js';

const PLUGIN_NAME = Symbol.for('hyperspec.pluginName');

/**
 * Makes a plugin's ContainerModule: binds each descriptor (stamped with the plugin's name, so a
 * duplicate `type` can name both packages) under its kind's token, named by its `type`. A request
 * with that name gets it; a request without a name (`getAll`) lists it with the others of its kind.
 * A plugin package default-exports the result.
 */
export function definePlugin(name: string, descriptors: readonly ComponentDescriptor<any, any, any>[]): ContainerModule {
  const module = new ContainerModule(({ bind }) => {
    for (const d of descriptors) {
      bind(tokenOfKind(d.kind))
        .toConstantValue({ ...d, plugin: name })
        .when((request) => request.name === undefined || request.name === d.type);
    }
  });
  (module as unknown as Record<symbol, string>)[PLUGIN_NAME] = name;
  return module;
}

/** The name given to `definePlugin`, when the module was made by it. */
export function pluginName(module: ContainerModule): string | undefined {
  return (module as unknown as Record<symbol, string | undefined>)[PLUGIN_NAME];
}
