import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBackendConformance } from '@hyperspec/core/testing';
import { WasmBackend } from '@hyperspec/backend-wasm';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

// The shared suite: PyTorch op fixtures, further ops against float64 references and finite
// differences, buffer recycling. A split threshold of 1 sends every matmul through both threads.
describeBackendConformance(() => new WasmBackend({ threads: 2, matmulSplitWork: 1 }), resolve(repoRoot, '../shared/fixtures/pytorch'));
