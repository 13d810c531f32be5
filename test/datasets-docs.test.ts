import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentsToken, createContainer } from '@hyperspec/core';
import csv from '@hyperspec/dataset-csv';
import mnist from '@hyperspec/dataset-mnist';
import spam from '@hyperspec/dataset-spam';
import { describe, expect, it } from 'vitest';

const docs = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../docs/datasets.md'), 'utf8');

/** The text of the `## <type>` section of docs/datasets.md. */
function section(type: string): string {
  const start = docs.indexOf(`\n## ${type}\n`);
  if (start < 0) return '';
  const end = docs.indexOf('\n## ', start + 1);
  return docs.slice(start, end < 0 ? undefined : end);
}

describe('docs/datasets.md', () => {
  const registry = createContainer([csv, mnist, spam]).get(ComponentsToken);
  for (const d of registry.list('dataset')) {
    it(`documents every option of ${d.type} in its section, with its default`, () => {
      const text = section(d.type);
      expect(text, `section "## ${d.type}"`).not.toBe('');
      const properties = (d.schema.properties ?? {}) as Record<string, { default?: unknown; description?: string }>;
      for (const [key, p] of Object.entries(properties)) {
        expect(p.description, `${d.type}.${key} has a description`).toBeTruthy();
        const row = text.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
        expect(row, `${d.type}.${key} has a row in the options table`).toBeDefined();
        if (p.default === undefined) continue;
        // the default column shows it as code: `2000`, `true`, `[]`, `tfidf` or `","`
        const shown = typeof p.default === 'string' ? [`\`${p.default}\``, `\`"${p.default}"\``] : [`\`${JSON.stringify(p.default)}\``];
        const defaultCell = row!.split(' | ')[2];
        expect(shown, `${d.type}.${key} default`).toContain(defaultCell);
      }
    });
  }
});
