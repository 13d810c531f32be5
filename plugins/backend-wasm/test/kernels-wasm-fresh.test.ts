import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_URL, KERNELS_RELAXED_WASM_URL } from '@hyperspec/backend-wasm';

// The compiled kernels are committed (wasm/kernels.wasm, wasm/kernels-relaxed.wasm). This rebuilds
// them from assembly/ with the pinned compiler and fails when a committed binary is stale: run
// `pnpm --filter @hyperspec/backend-wasm build:wasm` after editing assembly/.
describe('wasm/*.wasm', () => {
  it('are what assembly/ compiles to, with and without relaxed SIMD', async () => {
    const script = new URL('../scripts/build-wasm.mjs', import.meta.url).href;
    const { buildKernels } = (await import(/* @vite-ignore */ script)) as { buildKernels(outDir: string): Promise<string[]> };
    const dir = mkdtempSync(path.join(tmpdir(), 'hyperspec-wasm-'));
    try {
      const built = await buildKernels(dir);
      const committed = [KERNELS_WASM_URL, KERNELS_RELAXED_WASM_URL];
      expect(built.map((f) => path.basename(f))).toEqual(committed.map((u) => path.basename(u.pathname)));
      for (let i = 0; i < built.length; i++) {
        const fresh = readFileSync(built[i]);
        const stored = readFileSync(committed[i]);
        expect(fresh.length, path.basename(built[i])).toBe(stored.length);
        expect(Buffer.compare(fresh, stored), path.basename(built[i])).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two optimising AssemblyScript builds: under a minute on a quiet machine, but they passed the
    // suite's 120 s default on two loaded cores (seen at a load of 5–9).
  }, 300_000);
});
