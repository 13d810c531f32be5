import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The PyTorch reference numerics shipped inside this package (`fixtures/pytorch/`), written by
 * `tools/fixtures/make_pytorch_fixtures.py` at the repository root. The folder is two levels above
 * this file both in `src/testing/` and in `dist/testing/`.
 */
export const PYTORCH_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/pytorch/', import.meta.url));

/**
 * Reads one fixture file. A missing or unreadable file is an error that says how to regenerate it:
 * a test that depends on reference numerics must fail, never skip.
 */
export function readPytorchFixture<T>(file: string, dir: string = PYTORCH_FIXTURES_DIR): T {
  const path = join(dir, file);
  if (!existsSync(path)) {
    throw new Error(`PyTorch fixture ${path} is missing; regenerate it with /usr/bin/python3 tools/fixtures/make_pytorch_fixtures.py`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Throws unless `got` holds at least `expected` entries: a truncated fixture must not pass by having fewer cases. */
export function expectFixtureCount(file: string, what: string, got: number, expected: number): void {
  if (got < expected) throw new Error(`PyTorch fixture ${file} holds ${got} ${what}, expected ${expected}; regenerate it with tools/fixtures/make_pytorch_fixtures.py`);
}
