import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atomicWriteFile } from '@hyperspec/core/run';
import { renderDocs } from './docs/render-docs.js';

/** The repository's root folder (this file is bench/src/ or bench/dist/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where `saveResults` writes and whether the docs follow. */
export interface SaveOptions {
  /** `--out`: a trial run written there; the committed results and the docs are left alone. */
  out?: string;
  /** A smoke run: written to the temp folder (unless `out`), never over the committed results. */
  smoke?: boolean;
  /** Leave the docs as they are even when the committed results are replaced (`--no-docs`). */
  noDocs?: boolean;
}

/**
 * Saves a bench's raw results, atomically (a crash never leaves half a results file), and returns the
 * file written. By default that is `bench/results/<name>`, the committed results the docs are rendered
 * from, so the generated sections of the docs are then re-rendered; a run sent elsewhere (`out`, or a
 * smoke run) is not what the docs show and leaves them alone.
 */
export function saveResults(name: string, results: unknown, { out, smoke = false, noDocs = false }: SaveOptions = {}): string {
  const committed = out === undefined && !smoke;
  const file = out !== undefined ? path.resolve(out) : committed ? path.join(repoRoot, 'bench/results', name) : path.join(os.tmpdir(), `hyperspec-smoke-${name}`);
  atomicWriteFile(file, JSON.stringify(results, null, 2) + '\n');
  process.stderr.write(`results: ${file}\n`);
  if (committed && !noDocs) for (const page of renderDocs(repoRoot)) process.stderr.write(`rendered ${page}\n`);
  return file;
}
