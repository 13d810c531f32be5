import { relaxedSimdCompiles } from './relaxed-simd.js';

/** What the wasm backend needs from the JavaScript engine it runs in (`relaxed-simd` is optional). */
export type WasmFeature = 'simd' | 'threads' | 'shared-memory' | 'relaxed-simd';

/** Environment variable naming features to treat as missing (comma-separated), for fallback tests. */
export const SIMULATE_MISSING_ENV = 'HYPERSPEC_WASM_SIMULATE_MISSING';

// The smallest module that uses a v128 value: (func (result v128) v128.const i32x4 0 0 0 0).
// Written out by hand from the binary format (WebAssembly spec §5), so validate() answers for SIMD.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,
  0x03, 0x02, 0x01, 0x00,
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x0b,
]);

function hasSimd(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

function hasSharedMemory(): boolean {
  if (typeof SharedArrayBuffer !== 'function') return false;
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

function hasThreads(): boolean {
  const builtin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof builtin !== 'function') return false;
  const wt = builtin('node:worker_threads') as { Worker?: unknown } | undefined;
  return typeof wt?.Worker === 'function' && typeof Atomics === 'object' && typeof Atomics.wait === 'function';
}

/**
 * The features this engine lacks, each with a reason a user can act on. `simulateMissing` (or the
 * HYPERSPEC_WASM_SIMULATE_MISSING variable) pretends some are missing, so the fallback path is testable.
 */
export function missingFeatures(simulateMissing: readonly string[] = []): string[] {
  const simulated = simulatedMissing(simulateMissing);
  const missing: string[] = [];
  if (simulated.has('simd') || !hasSimd()) missing.push('WebAssembly SIMD is not supported by this JavaScript engine');
  if (simulated.has('shared-memory') || !hasSharedMemory()) missing.push('SharedArrayBuffer / shared WebAssembly memory is not available');
  if (simulated.has('threads') || !hasThreads()) missing.push('worker threads with Atomics.wait are not available');
  return missing;
}

/**
 * Whether the relaxed-SIMD kernel module (FMA) can be used: the engine compiles relaxed SIMD and it is
 * not simulated missing (`relaxed-simd` in `simulateMissing` or HYPERSPEC_WASM_SIMULATE_MISSING), which
 * forces the plain SIMD module.
 */
export function relaxedSimdAvailable(simulateMissing: readonly string[] = []): boolean {
  return !simulatedMissing(simulateMissing).has('relaxed-simd') && relaxedSimdCompiles();
}

function simulatedMissing(simulateMissing: readonly string[]): Set<string> {
  const fromEnv = (process.env[SIMULATE_MISSING_ENV] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return new Set([...simulateMissing, ...fromEnv]);
}
