import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isRunDirectory } from '../run/load-run.js';
import { isStudyDirectory } from '../study/load-study.js';

export interface Found {
  kind: 'run' | 'study';
  /** Relative to the root, with forward slashes. */
  rel: string;
  path: string;
}

/**
 * The runs and studies under `root`, a few levels deep (runs are `<name>/<time>`, studies
 * `<name>-study`). Symbolic links are not followed, so nothing outside the root is listed; a study's
 * trials are listed by the study, not here.
 */
export function scanRoot(root: string, maxDepth = 4): Found[] {
  const out: Found[] = [];
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = join(dir, name);
      let isDir = false;
      try {
        isDir = lstatSync(path).isDirectory();
      } catch {
        continue;
      }
      if (!isDir) continue;
      const rel = relative(root, path).split(sep).join('/');
      if (isStudyDirectory(path)) out.push({ kind: 'study', rel, path });
      else if (isRunDirectory(path)) out.push({ kind: 'run', rel, path });
      else if (depth < maxDepth) walk(path, depth + 1);
    }
  };
  walk(root, 1);
  return out;
}
