import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBackendConformance } from '@hyperspec/core/testing';
import { CpuBackend } from '@hyperspec/backend-cpu';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describeBackendConformance(() => new CpuBackend(), resolve(repoRoot, '../shared/fixtures/pytorch'));
