import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { makeDirectory } from '../util/make-directory.js';

/** Files of a run directory, by role. */
export function runFiles(dir: string) {
  return {
    dir,
    spec: join(dir, 'spec.resolved.yaml'),
    /** The spec as its author wrote it (a copy of the file), beside the resolved one. */
    writtenSpec: join(dir, 'spec.yaml'),
    metrics: join(dir, 'metrics.jsonl'),
    steps: join(dir, 'steps.jsonl'),
    layers: join(dir, 'layers.jsonl'),
    log: join(dir, 'log.jsonl'),
    parameters: join(dir, 'parameters.safetensors'),
    checkpoint: join(dir, 'checkpoint.json'),
    report: join(dir, 'report.json'),
    model: join(dir, 'model.json'),
    best: join(dir, 'best.safetensors'),
  };
}

export type RunFiles = ReturnType<typeof runFiles>;

/** `<outputDir>/<name>/<UTC timestamp>`, with a suffix if two runs start in the same second. */
export function createRunDirectory(outputDir: string, name: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const base = resolve(outputDir, name, stamp);
  makeDirectory(dirname(base));
  // mkdir of the leaf fails if it exists, so two runs starting at once never share a directory.
  for (let i = 1; ; i++) {
    const dir = i === 1 ? base : `${base}-${i}`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** True when `dir` exists and holds anything (an empty directory is not a run yet). */
export function isUsedDirectory(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'ENOTDIR') return true;
    throw e;
  }
}
