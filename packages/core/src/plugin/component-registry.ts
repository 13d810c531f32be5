import type { ServiceIdentifier } from 'inversify';
import { HyperspecError, type SourceLocation } from '../errors/hyperspec-error.js';
import { nearest } from '../util/nearest.js';
import type { ComponentDescriptor, ComponentKind } from './component-descriptor.js';

/**
 * Every registered component, by kind and `type`. Built once per container from the descriptors the
 * loaded plugins bound; selection is by the spec's `type` string.
 */
export class ComponentRegistry {
  private readonly byKind = new Map<ComponentKind, Map<string, ComponentDescriptor>>();

  constructor(descriptors: readonly ComponentDescriptor[]) {
    for (const d of descriptors) {
      let kind = this.byKind.get(d.kind);
      if (!kind) {
        kind = new Map();
        this.byKind.set(d.kind, kind);
      }
      const existing = kind.get(d.type);
      if (existing) {
        throw new HyperspecError('plugin', `${d.kind} "${d.type}" is registered twice: by ${existing.plugin ?? 'an unnamed plugin'} and by ${d.plugin ?? 'an unnamed plugin'}`, {
          hint: 'remove one of the plugins, or rename the type in yours',
        });
      }
      kind.set(d.type, d);
    }
  }

  /** The descriptor of `type`, or a plugin error that suggests the nearest registered name. */
  get<T = unknown>(kind: ComponentKind, type: string, location?: SourceLocation): ComponentDescriptor<T> {
    const d = this.byKind.get(kind)?.get(type);
    if (d) return d as ComponentDescriptor<T>;
    throw new HyperspecError('plugin', this.unknownMessage(kind, type), { location });
  }

  has(kind: ComponentKind, type: string): boolean {
    return this.byKind.get(kind)?.has(type) ?? false;
  }

  /** `unknown optimizer "adm" — did you mean "adam"?` plus what exists. */
  unknownMessage(kind: ComponentKind, type: string): string {
    const names = this.types(kind);
    const guess = nearest(type, names);
    const suggestion = guess ? ` — did you mean "${guess}"?` : '';
    return `unknown ${kind} "${type}"${suggestion} (registered: ${names.join(', ') || 'none'})`;
  }

  types(kind: ComponentKind): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])].sort();
  }

  list(kind?: ComponentKind): ComponentDescriptor[] {
    const kinds = kind ? [kind] : [...this.byKind.keys()];
    return kinds.flatMap((k) => [...(this.byKind.get(k)?.values() ?? [])]);
  }
}

export const ComponentRegistryToken: ServiceIdentifier<ComponentRegistry> = Symbol.for('hyperspec.ComponentRegistry');
