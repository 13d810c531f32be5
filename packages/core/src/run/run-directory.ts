import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
  let dir = base;
  for (let i = 2; existsSync(dir); i++) dir = `${base}-${i}`;
  mkdirSync(dir, { recursive: true });
  return dir;
}
