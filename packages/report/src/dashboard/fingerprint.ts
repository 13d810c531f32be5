import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Size and modification time of the files a view is built from, as one string: it changes when they do. */
export function fingerprint(dir: string): string {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 'missing';
  }
  const watched = names.filter((n) => /\.(jsonl|json|db|db-wal)$/.test(n)).sort();
  return watched
    .map((n) => {
      try {
        const s = statSync(join(dir, n));
        return `${n}:${s.size}:${s.mtimeMs}`;
      } catch {
        return `${n}:gone`;
      }
    })
    .join('|');
}
