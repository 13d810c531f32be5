import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import backendCpu from '@hyperspec/backend-cpu';
import backendWasm, { KERNELS_RELAXED_WASM_URL, KERNELS_WASM_URL, SIMULATE_MISSING_ENV, WasmBackend } from '@hyperspec/backend-wasm';
import { createContainer, EngineToken, HyperspecError, type Logger } from '@hyperspec/core';

/** A logger that records warnings (the container logs why a backend was skipped). */
function recordingLogger(): { logger: Logger; warnings: { obj: unknown; msg: string }[] } {
  const warnings: { obj: unknown; msg: string }[] = [];
  const logger = {
    warn: (obj: unknown, msg: string) => warnings.push({ obj, msg }),
    info: () => {}, debug: () => {}, error: () => {}, trace: () => {}, fatal: () => {},
    child: () => logger,
  };
  return { logger: logger as unknown as Logger, warnings };
}

describe('backend selection with the wasm backend', () => {
  afterEach(() => {
    delete process.env[SIMULATE_MISSING_ENV];
  });

  it('is preferred over cpu where it starts', () => {
    const { logger, warnings } = recordingLogger();
    const engine = createContainer([backendCpu, backendWasm], { logger }).get(EngineToken);
    expect(engine.backend.name).toBe('wasm');
    expect(warnings).toEqual([]);
    (engine.backend as WasmBackend).dispose();
  });

  it('throws from create with the reason when SIMD is missing', () => {
    expect(() => new WasmBackend({ simulateMissing: ['simd'] })).toThrow(HyperspecError);
    expect(() => new WasmBackend({ simulateMissing: ['simd'] })).toThrow(/WebAssembly SIMD is not supported/);
    expect(() => new WasmBackend({ simulateMissing: ['threads'] })).toThrow(/worker threads/);
    expect(() => new WasmBackend({ simulateMissing: ['shared-memory'] })).toThrow(/SharedArrayBuffer/);
  });

  it('falls back to cpu and logs why when SIMD is missing', () => {
    process.env[SIMULATE_MISSING_ENV] = 'simd';
    const { logger, warnings } = recordingLogger();
    const engine = createContainer([backendCpu, backendWasm], { logger }).get(EngineToken);
    expect(engine.backend.name).toBe('cpu');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].obj).toMatchObject({ backend: 'wasm', reason: expect.stringMatching(/SIMD is not supported/) });
  });

  it('fails with every reason when no backend can start', () => {
    process.env[SIMULATE_MISSING_ENV] = 'shared-memory';
    const { logger } = recordingLogger();
    expect(() => createContainer([backendWasm], { logger }).get(EngineToken)).toThrow(/no backend could start \(wasm: .*SharedArrayBuffer/);
  });

  it('runs the relaxed-SIMD kernels where the engine compiles them, and the plain ones when asked or when relaxed SIMD is missing', () => {
    const chosen = (options: ConstructorParameters<typeof WasmBackend>[0]) => {
      const backend = new WasmBackend({ threads: 1, ...options });
      backend.dispose();
      return backend.kernelModule;
    };
    // Node 20 compiles relaxed SIMD behind a V8 flag the backend sets for its own compilation.
    expect(chosen({})).toBe('relaxed-simd');
    expect(chosen({ relaxedSimd: false })).toBe('simd');
    expect(chosen({ simulateMissing: ['relaxed-simd'] })).toBe('simd');
    process.env[SIMULATE_MISSING_ENV] = 'relaxed-simd';
    expect(chosen({})).toBe('simd');
  });

  it('leaves relaxed SIMD off for other modules in the process after compiling its own', () => {
    const backend = new WasmBackend({ threads: 1 });
    backend.dispose();
    expect(backend.kernelModule).toBe('relaxed-simd');
    const relaxed = readFileSync(KERNELS_RELAXED_WASM_URL);
    const started = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
    if (!started.includes('--experimental-wasm-relaxed-simd')) expect(WebAssembly.validate(relaxed)).toBe(false);
    expect(WebAssembly.validate(readFileSync(KERNELS_WASM_URL))).toBe(true);
  });
});
