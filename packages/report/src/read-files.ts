import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The complete lines of a JSON-lines file. A file being appended to may end in a partial line (a
 * report or the dashboard reads while training writes): only lines that parse are kept.
 */
export function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  const out: T[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A line still being written.
    }
  }
  return out;
}

/** A JSON file's value, or undefined when it is absent or unreadable. */
export function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A YAML file's value, or undefined when it is absent or unreadable. */
export function readYaml<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The value of each epoch, keeping the last line written for it (a resumed run redoes epochs). */
export function lastPerEpoch<T extends { epoch: number }>(lines: readonly T[]): T[] {
  const byEpoch = new Map<number, T>();
  for (const l of lines) byEpoch.set(l.epoch, l);
  return [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
}
