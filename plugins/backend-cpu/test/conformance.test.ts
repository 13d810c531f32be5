import { describeBackendConformance } from '@hyperspec/core/testing';
import { CpuBackend } from '@hyperspec/backend-cpu';

describeBackendConformance(() => new CpuBackend());
