import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's location. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The built CLI entry point (the test command builds with `tsc -b` first). */
export const cliBin = resolve(repoRoot, 'packages/cli/dist/bin.js');
