import { existsSync } from 'node:fs';

/**
 * `<path>.<UTC timestamp>` (with `-2`, `-3`, ... when taken): where an old run or study directory is
 * moved when the user asks to start over (`--overwrite`, `--new-study`), so nothing is ever deleted.
 */
export function archiveName(path: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  let target = `${path}.${stamp}`;
  for (let i = 2; existsSync(target); i++) target = `${path}.${stamp}-${i}`;
  return target;
}
