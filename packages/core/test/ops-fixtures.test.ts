import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CpuBackend } from '@hyperspec/backend-cpu';
import { describeOpFixtures } from '@hyperspec/core/testing';

// The repository root is two folders up; the PyTorch fixtures sit beside the repository.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

// Every case of ops.json through core's ops on the reference backend: output, backward gradients
// (atol 1e-5, rtol 1e-4) and finite differences.
describeOpFixtures(() => new CpuBackend(), resolve(repoRoot, '../shared/fixtures/pytorch'));
