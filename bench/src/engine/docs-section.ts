import { readFileSync } from 'node:fs';
import { atomicWriteFile } from '@hyperspec/core/run';

export const ENGINE_START = '<!-- engine:start -->';
export const ENGINE_END = '<!-- engine:end -->';

/** Replaces only the text between the engine markers of docs/benchmarks.md (other sections untouched). */
export function writeEngineSection(file: string, markdown: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(ENGINE_START);
  const end = text.indexOf(ENGINE_END);
  if (start < 0 || end < start) throw new Error(`${file}: markers ${ENGINE_START} … ${ENGINE_END} not found`);
  atomicWriteFile(file, `${text.slice(0, start + ENGINE_START.length)}\n${markdown.trim()}\n${text.slice(end)}`);
}
