import { describeBackendConformance } from '@hyperspec/core/testing';
import { WasmBackend } from '@hyperspec/backend-wasm';

// The shared suite: PyTorch op fixtures, further ops against float64 references and finite
// differences, buffer recycling. A split threshold of 1 sends every matmul through both threads.
describeBackendConformance(() => new WasmBackend({ threads: 2, matmulSplitWork: 1 }));
