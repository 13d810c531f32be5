import { definePlugin, type ComponentDescriptor } from '@hyperspec/core';
import type { Backend } from '@hyperspec/core/tensor';
import { CpuBackend } from './cpu-backend.js';

export { CpuBackend, cpuKernels } from './cpu-backend.js';

const cpu: ComponentDescriptor<Backend> = {
  kind: 'backend',
  type: 'cpu',
  description: 'Reference kernels in plain TypeScript on Float32Array (one thread)',
  schema: { $id: 'hyperspec:backend/cpu', type: 'object', properties: {}, additionalProperties: false },
  priority: 0,
  create: () => new CpuBackend(),
};

export default definePlugin('@hyperspec/backend-cpu', [cpu]);
