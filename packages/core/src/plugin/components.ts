import type { Container } from 'inversify';
import { EngineToken, LoggerToken } from '../container/tokens.js';
import { HyperspecError, type SourceLocation } from '../errors/hyperspec-error.js';
import { SLOT_KEYWORD } from '../spec/root-schema.js';
import { validateSlot } from '../spec/slots.js';
import { SpecError } from '../spec/spec-issue.js';
import { parseSpecPath, type SpecPath } from '../spec/spec-path.js';
import { createSpecValidators, type SpecValidators } from '../spec/spec-validators.js';
import { createContext, IssueCollector } from '../spec/validation-context.js';
import type { Engine } from '../tensor/engine.js';
import { nearest } from '../util/nearest.js';
import { COMPONENT_KINDS, type ComponentDescriptor, type ComponentKind, type CreateContext } from './component-descriptor.js';
import { tokenOfKind } from './component-tokens.js';

/** A component node as written in a spec or in code: a type name, or `{ type, ...options }`. */
export type ComponentSpec = string | { type: string; [option: string]: unknown };

/** Context keys a caller adds for one component (a layer's input shape, a schedule's base rate, an rng stream). */
export type ExtraContext = Partial<Omit<CreateContext, 'path' | 'components' | 'logger' | 'engine'>> & Record<string, unknown>;

/**
 * The one way to make a component: look up the descriptor its `type` names in the container,
 * validate its options (one ajv instance per container, the spec loader's error messages), and call
 * `create` with a context the container provides (its engine and logger). Listing, did-you-mean
 * suggestions and the composed spec schema read the same container.
 */
export class Components {
  /** Compiled validators of this container: the root spec schema and every descriptor's options. */
  readonly validators: SpecValidators = createSpecValidators();
  private readonly byKind = new Map<ComponentKind, Map<string, ComponentDescriptor>>();

  constructor(private readonly container: Container) {
    for (const kind of COMPONENT_KINDS) {
      const all = container.getAll(tokenOfKind(kind), { optional: true }) as ComponentDescriptor[];
      const byType = new Map<string, ComponentDescriptor>();
      for (const d of all) {
        const existing = byType.get(d.type);
        if (existing) {
          throw new HyperspecError('plugin', `${kind} "${d.type}" is registered twice: by ${existing.plugin ?? 'an unnamed plugin'} and by ${d.plugin ?? 'an unnamed plugin'}`, {
            hint: 'remove one of the plugins, or rename the type in yours',
          });
        }
        byType.set(d.type, d);
      }
      this.byKind.set(kind, byType);
    }
  }

  /** The descriptor of `type` (resolved through the container), or a plugin error that suggests the nearest name. */
  descriptor<T = unknown>(kind: ComponentKind, type: string, location?: SourceLocation): ComponentDescriptor<T> {
    if (!this.has(kind, type)) throw new HyperspecError('plugin', this.unknownMessage(kind, type), { location });
    return this.container.get(tokenOfKind<T>(kind), { name: type });
  }

  has(kind: ComponentKind, type: string): boolean {
    return this.byKind.get(kind)?.has(type) ?? false;
  }

  /** `unknown optimizer "adm" — did you mean "adam"?` plus what exists. */
  unknownMessage(kind: ComponentKind, type: string): string {
    const names = this.types(kind);
    const guess = nearest(type, names);
    return `unknown ${kind} "${type}"${guess ? ` — did you mean "${guess}"?` : ''} (registered: ${names.join(', ') || 'none'})`;
  }

  types(kind: ComponentKind): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])].sort();
  }

  list(kind?: ComponentKind): ComponentDescriptor[] {
    const kinds = kind ? [kind] : COMPONENT_KINDS;
    return kinds.flatMap((k) => [...(this.byKind.get(k)?.values() ?? [])]);
  }

  /**
   * Validates a node the way the spec loader validates the same node in YAML (defaults filled,
   * shorthand expanded, every problem reported with its path) and returns the resolved node.
   */
  resolveNode(kind: ComponentKind, spec: ComponentSpec, path: string | SpecPath): { type: string; [option: string]: unknown } {
    const segments = typeof path === 'string' ? (parseSpecPath(path) ?? [path]) : path;
    const collector = new IssueCollector();
    const ctx = createContext(this, this.validators, collector);
    const node = validateSlot(ctx, kind, { [SLOT_KEYWORD]: kind }, structuredClone(spec), segments);
    if (collector.entries.length > 0) throw new SpecError(collector.sorted());
    return node as { type: string; [option: string]: unknown };
  }

  /** Validates `spec` and builds the component. For nodes of a spec that `validateSpec` resolved, use `build`. */
  create<T>(kind: ComponentKind, spec: ComponentSpec, path: string, extra: ExtraContext = {}): T {
    return this.build<T>(kind, this.resolveNode(kind, spec, path), path, extra);
  }

  /** Builds a component from a node that is already resolved (validated, defaults filled): no second validation. */
  build<T>(kind: ComponentKind, node: { type: string; [option: string]: unknown }, path: string, extra: ExtraContext = {}): T {
    const descriptor = this.descriptor<T>(kind, node.type, { path: `${path}.type` });
    const { type: _type, ...options } = node;
    return descriptor.create(options, this.context(path, extra));
  }

  /** What every `create` receives: the path, this service, the container's logger and (on first use) its engine. */
  context(path: string, extra: ExtraContext = {}): CreateContext {
    const container = this.container;
    const ctx = { path, components: this, logger: container.get(LoggerToken), baseDir: undefined, ...extra } as CreateContext;
    if (!('engine' in extra)) {
      // Resolved on first use: searchers and storages never touch tensors, so they never start a backend;
      // a container without any backend (a plugin's unit test) has no engine to give.
      const engine = (): Engine | undefined => (this.list('backend').length > 0 ? container.get(EngineToken) : undefined);
      Object.defineProperty(ctx, 'engine', { enumerable: true, get: engine });
    }
    return ctx;
  }
}
