import { describe } from 'vitest';
import { describeBackendConformance } from '@hyperspec/core/testing';
import { WasmBackend } from '@hyperspec/backend-wasm';

// The shared suite: PyTorch op fixtures, further ops against float64 references and finite
// differences, buffer recycling. A split threshold of 1 sends every matmul through both threads.
// Both kernel modules: relaxed SIMD (FMA, where the engine has it: the default) and plain SIMD.
for (const relaxedSimd of [true, false]) {
  describe(relaxedSimd ? 'relaxed-SIMD kernel module' : 'plain SIMD kernel module', () => {
    describeBackendConformance(() => new WasmBackend({ threads: 2, matmulSplitWork: 1, relaxedSimd }));
  });
}
