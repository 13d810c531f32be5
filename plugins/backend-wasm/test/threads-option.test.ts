import { afterEach, describe, expect, it, vi } from 'vitest';
import { WasmBackend } from '@hyperspec/backend-wasm';

// The machine's core count as the backend sees it, made different from any real one (and from the
// old fixed 2) so the default is seen to follow it.
vi.mock('node:os', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:os')>()), availableParallelism: () => 5 }));

describe('wasm backend threads', () => {
  const made: WasmBackend[] = [];
  afterEach(() => {
    for (const b of made.splice(0)) b.dispose();
  });
  const backend = (threads?: number) => {
    const b = new WasmBackend({ threads });
    made.push(b);
    return b;
  };

  it('uses every core by default: the main thread and one helper per further core', () => {
    expect(backend().threads).toBe(5);
  });

  it('uses the number of threads asked for, at least one', () => {
    expect(backend(3).threads).toBe(3);
    expect(backend(1).threads).toBe(1);
    expect(backend(0).threads).toBe(1);
  });

  it('computes a split product with several helpers', () => {
    const b = backend(3);
    const n = 96;
    const x = b.alloc(n * n).fill(1);
    const out = b.alloc(n * n);
    b.kernels.matmul(x, x, out, n, n, n, false, false);
    expect(out.every((v) => v === n)).toBe(true);
  });
});
