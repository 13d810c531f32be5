import { ComponentsToken, COMPONENT_KINDS, type ComponentDescriptor } from '@hyperspec/core';
import { createDefaultContainer } from 'hyperspec';
import { loadExtraPlugins } from '../extra-plugins.js';
import type { CliValues, CommandIo } from '../main.js';

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  oneOf?: PropertySchema[];
}

function typeOf(p: PropertySchema): string {
  if (p.enum) return p.enum.map((v) => JSON.stringify(v)).join('|');
  if (p.oneOf) return p.oneOf.map(typeOf).join(' or ');
  const t = Array.isArray(p.type) ? p.type.join('|') : p.type ?? 'any';
  const bounds = [
    p.exclusiveMinimum !== undefined ? `> ${p.exclusiveMinimum}` : p.minimum !== undefined ? `≥ ${p.minimum}` : '',
    p.exclusiveMaximum !== undefined ? `< ${p.exclusiveMaximum}` : p.maximum !== undefined ? `≤ ${p.maximum}` : '',
  ].filter(Boolean);
  return bounds.length ? `${t} ${bounds.join(', ')}` : t;
}

/** One component with its options, for humans. */
export function describeComponent(d: ComponentDescriptor): string[] {
  const props = (d.schema.properties ?? {}) as Record<string, PropertySchema>;
  const required = new Set((d.schema.required ?? []) as string[]);
  const lines = [`  ${d.type}  — ${d.description}  [${d.plugin ?? 'unnamed plugin'}]`];
  for (const [key, p] of Object.entries(props)) {
    const dflt = required.has(key) ? 'required' : p.default !== undefined ? `default ${JSON.stringify(p.default)}` : 'optional';
    lines.push(`      ${key}: ${typeOf(p)} (${dflt})${p.description ? ` — ${p.description}` : ''}`);
  }
  return lines;
}

/** `hyperspec plugins`: every registered component, by kind, with its options. */
export async function pluginsCommand(values: CliValues, io: CommandIo): Promise<number> {
  const registry = createDefaultContainer(await loadExtraPlugins(values)).get(ComponentsToken);
  if (values.json) {
    const all = registry.list().map((d) => ({ kind: d.kind, type: d.type, plugin: d.plugin, description: d.description, options: d.schema }));
    io.stdout.write(JSON.stringify(all, null, 2) + '\n');
    return 0;
  }
  for (const kind of COMPONENT_KINDS) {
    const list = registry.list(kind).sort((a, b) => a.type.localeCompare(b.type));
    if (!list.length) continue;
    io.stdout.write(`${kind}:\n${list.flatMap(describeComponent).join('\n')}\n\n`);
  }
  return 0;
}
