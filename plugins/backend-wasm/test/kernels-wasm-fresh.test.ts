import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_URL } from '@hyperspec/backend-wasm';

// The compiled kernels are committed (wasm/kernels.wasm). This rebuilds them from assembly/ with the
// pinned compiler and fails when the committed binary is stale: run `pnpm --filter
// @hyperspec/backend-wasm build:wasm` after editing assembly/.
describe('wasm/kernels.wasm', () => {
  it('is what assembly/ compiles to', async () => {
    const script = new URL('../scripts/build-wasm.mjs', import.meta.url).href;
    const { buildKernels } = (await import(/* @vite-ignore */ script)) as { buildKernels(out: string): Promise<string> };
    const dir = mkdtempSync(path.join(tmpdir(), 'hyperspec-wasm-'));
    try {
      const fresh = readFileSync(await buildKernels(path.join(dir, 'kernels.wasm')));
      const committed = readFileSync(KERNELS_WASM_URL);
      expect(fresh.length).toBe(committed.length);
      expect(Buffer.compare(fresh, committed)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
